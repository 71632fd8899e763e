using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace QGan.MLNet.Transforms.Evaluation.Numerics;

/// <summary>
/// The one dense kernel of the FID numerics: <c>C[i, j] (+/-)= dot(P[i, :], Q[j, :])</c> for row-major (or
/// transposed) blocks P (m x k) and Q (n x k). The covariance (syrk: P = Q = the centred data block read as its
/// transpose), the trailing updates of the Cholesky factorisation and of the tridiagonal reduction, and the
/// congruence <c>R S R^T</c> of the Fréchet trace are all such products, so one packed, AVX-512 and parallel kernel
/// serves all of them, plus the SIMD dot and axpy of the vector steps.
/// </summary>
internal static class RowDotProducts
{
    /// <summary>
    /// Computes <c>C[i, j] (+)= sign * sum_t P[i, t] Q[j, t]</c> over <c>t &lt; k</c>. With
    /// <paramref name="upperOnly"/> (P and Q the same rows, m = n) only entries with j &gt;= i are guaranteed to be
    /// written (whole tiles straddling the diagonal are computed, so some entries just below it change too).
    /// <paramref name="zeros"/> declares the rows of P or of Q upper trapezoidal (row i stores zeros in columns
    /// &lt; i), so those products start at the diagonal. <paramref name="maxThreads"/> &lt;= 0 means all cores.
    /// </summary>
    /// <remarks>
    /// GEMM in the usual packed form: for each slice of <see cref="KPanel"/> values of t, Q is packed in
    /// micro-panels of <see cref="NR"/> rows stored t-major (<c>[t][16]</c>) for a block of <see cref="QBlockRows"/>
    /// rows that stays in L2, and each group of <see cref="MR"/> rows of P is packed the same way (<c>[t][8]</c>,
    /// 16 KiB, L1). The micro-kernel keeps an 8 x 16 tile of C in 16 AVX-512 registers and per t loads 2 vectors of
    /// Q and broadcasts 8 values of P: 16 FMAs for 10 loads, no horizontal sums, and C is touched once per slice.
    /// Blocks of Q rows run in parallel.
    /// </remarks>
    public static void Compute(
        in DenseBlock p, int m, in DenseBlock q, int n, int k, in DenseBlock c,
        bool accumulate, bool upperOnly, bool subtract = false, LeadingZeros zeros = LeadingZeros.None,
        int maxThreads = -1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (m == 0 || n == 0)
        {
            return;
        }
        p.CheckFits(m, k, nameof(p));
        q.CheckFits(n, k, nameof(q));
        c.CheckFits(m, n, nameof(c));
        if (c.Transposed)
        {
            throw new ArgumentException("The result block cannot be transposed.", nameof(c));
        }
        if (!accumulate)
        {
            for (var i = 0; i < m; i++)
            {
                Array.Clear(c.Data, c.Offset + i * c.Stride, n);
            }
        }
        if (k == 0)
        {
            return;
        }
        var sign = subtract ? -1.0 : 1.0;
        var (pv, qv, cv) = (p, q, c);
        var qBlocks = (n + QBlockRows - 1) / QBlockRows;
        var threads = Math.Min(Parallelism.Threads(maxThreads), qBlocks);
        var work = (long)m * n * k;
        for (var k0 = 0; k0 < k; k0 += KPanel)
        {
            var kc = Math.Min(KPanel, k - k0);
            var kStart = k0;
            void RunBlock(int jb)
            {
                var j0 = jb * QBlockRows;
                var j1 = Math.Min(n, j0 + QBlockRows);
                // Rows of P that can meet this block: below the diagonal nothing is needed (upperOnly); with
                // trapezoidal Q (row j zero left of j) nothing is needed when the slice ends before j0.
                var iEnd = upperOnly ? Math.Min(m, j1) : m;
                if (zeros == LeadingZeros.QRows && kStart + kc <= j0)
                {
                    return;
                }
                var qPacked = ArrayPool<double>.Shared.Rent(QBlockRows * KPanel);
                var pPacked = ArrayPool<double>.Shared.Rent(MR * KPanel);
                PackQ(qv, j0, j1, kStart, kc, qPacked);
                for (var i0 = 0; i0 < iEnd; i0 += MR)
                {
                    var rows = Math.Min(MR, m - i0);
                    if (zeros == LeadingZeros.PRows && kStart + kc <= i0)
                    {
                        break; // rows from i0 on are zero throughout this slice
                    }
                    PackP(pv, i0, rows, kStart, kc, pPacked);
                    for (var jp = j0; jp < j1; jp += NR)
                    {
                        if (upperOnly && jp + NR <= i0)
                        {
                            continue; // tile entirely below the diagonal
                        }
                        // The slice's leading zeros: trapezoidal rows start at the tile's first row (or column).
                        var from = zeros switch
                        {
                            LeadingZeros.PRows => Math.Max(0, i0 - kStart),
                            LeadingZeros.QRows => Math.Max(0, jp - kStart),
                            _ => 0,
                        };
                        if (from >= kc)
                        {
                            continue;
                        }
                        var cols = Math.Min(NR, j1 - jp);
                        Kernel(pPacked, from, qPacked, (jp - j0) * KPanel + from * NR, kc - from,
                            cv, i0, jp, rows, cols, sign);
                    }
                }
                ArrayPool<double>.Shared.Return(qPacked);
                ArrayPool<double>.Shared.Return(pPacked);
            }
            if (threads <= 1 || work < 1 << 20)
            {
                for (var jb = 0; jb < qBlocks; jb++)
                {
                    RunBlock(jb);
                }
            }
            else
            {
                // Later blocks hold more of the upper triangle: hand them out first.
                Parallel.For(0, qBlocks, new ParallelOptions { MaxDegreeOfParallelism = threads },
                    t => RunBlock(upperOnly ? qBlocks - 1 - t : t));
            }
        }
    }

    private const int MR = 8;            // rows of P per micro-tile (broadcast)
    private const int NR = 16;           // rows of Q per micro-tile (2 vectors of 8)
    private const int KPanel = 256;      // values of t per packed slice
    private const int QBlockRows = 256;  // rows of Q packed together: 256 x 256 doubles = 512 KiB (L2)

    // Q rows j0..j1, t in [k0, k0 + kc) into micro-panels of NR rows: panel at (jp - j0) * KPanel, element
    // [t * NR + r]; rows past j1 are zero.
    private static void PackQ(in DenseBlock q, int j0, int j1, int k0, int kc, double[] packed)
    {
        for (var jp = j0; jp < j1; jp += NR)
        {
            Pack(q, jp, Math.Min(NR, j1 - jp), NR, k0, kc, packed.AsSpan((jp - j0) * KPanel, NR * kc));
        }
    }

    private static void PackP(in DenseBlock p, int i0, int rows, int k0, int kc, double[] packed) =>
        Pack(p, i0, rows, MR, k0, kc, packed.AsSpan(0, MR * kc));

    // Rows i0..i0+rows of a block, t in [k0, k0 + kc), into dst[t * width + r] (r < width; missing rows zero).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Pack(in DenseBlock a, int i0, int rows, int width, int k0, int kc, Span<double> dst)
    {
        if (a.Transposed)
        {
            // Element (i, t) at t * Stride + i: each t gives `rows` contiguous values.
            for (var t = 0; t < kc; t++)
            {
                var src = a.Data.AsSpan(a.Offset + (k0 + t) * a.Stride + i0, rows);
                var d = dst.Slice(t * width, width);
                src.CopyTo(d);
                d[rows..].Clear();
            }
            return;
        }
        for (var r = 0; r < width; r++)
        {
            if (r < rows)
            {
                var src = a.Data.AsSpan(a.Offset + (i0 + r) * a.Stride + k0, kc);
                for (var t = 0; t < kc; t++)
                {
                    dst[t * width + r] = src[t];
                }
            }
            else
            {
                for (var t = 0; t < kc; t++)
                {
                    dst[t * width + r] = 0;
                }
            }
        }
    }

    // C[i0 + r, j0 + col] += sign * sum_t pPacked[(pFrom + t) * MR + r] * qPacked[qOff + t * NR + col] for r < rows,
    // col < cols, t < len. 16 accumulators + 2 loads + 1 broadcast stay within the 32 vector registers (with 24
    // accumulators the JIT spilled them to the stack on every iteration).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel(double[] pPacked, int pFrom, double[] qPacked, int qOff, int len,
        in DenseBlock c, int i0, int j0, int rows, int cols, double sign)
    {
        ref var pr = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(pPacked), pFrom * MR);
        ref var qr = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(qPacked), qOff);
        Vector512<double> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector512<double> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<double> c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<double> c60 = default, c61 = default, c70 = default, c71 = default;
        for (var t = 0; t < len; t++)
        {
            ref var qt = ref Unsafe.Add(ref qr, t * NR);
            ref var pt = ref Unsafe.Add(ref pr, t * MR);
            var q0 = Vector512.LoadUnsafe(ref qt);
            var q1 = Vector512.LoadUnsafe(ref qt, 8);
            var a = Vector512.Create(pt);
            c00 = Vector512.FusedMultiplyAdd(a, q0, c00);
            c01 = Vector512.FusedMultiplyAdd(a, q1, c01);
            a = Vector512.Create(Unsafe.Add(ref pt, 1));
            c10 = Vector512.FusedMultiplyAdd(a, q0, c10);
            c11 = Vector512.FusedMultiplyAdd(a, q1, c11);
            a = Vector512.Create(Unsafe.Add(ref pt, 2));
            c20 = Vector512.FusedMultiplyAdd(a, q0, c20);
            c21 = Vector512.FusedMultiplyAdd(a, q1, c21);
            a = Vector512.Create(Unsafe.Add(ref pt, 3));
            c30 = Vector512.FusedMultiplyAdd(a, q0, c30);
            c31 = Vector512.FusedMultiplyAdd(a, q1, c31);
            a = Vector512.Create(Unsafe.Add(ref pt, 4));
            c40 = Vector512.FusedMultiplyAdd(a, q0, c40);
            c41 = Vector512.FusedMultiplyAdd(a, q1, c41);
            a = Vector512.Create(Unsafe.Add(ref pt, 5));
            c50 = Vector512.FusedMultiplyAdd(a, q0, c50);
            c51 = Vector512.FusedMultiplyAdd(a, q1, c51);
            a = Vector512.Create(Unsafe.Add(ref pt, 6));
            c60 = Vector512.FusedMultiplyAdd(a, q0, c60);
            c61 = Vector512.FusedMultiplyAdd(a, q1, c61);
            a = Vector512.Create(Unsafe.Add(ref pt, 7));
            c70 = Vector512.FusedMultiplyAdd(a, q0, c70);
            c71 = Vector512.FusedMultiplyAdd(a, q1, c71);
        }
        if (rows == MR && cols == NR)
        {
            var vs = Vector512.Create(sign);
            ref var c0 = ref c.Data[c.Offset + i0 * c.Stride + j0];
            var stride = (nuint)c.Stride;
            Update(ref c0, 0, vs, c00, c01);
            Update(ref c0, stride, vs, c10, c11);
            Update(ref c0, 2 * stride, vs, c20, c21);
            Update(ref c0, 3 * stride, vs, c30, c31);
            Update(ref c0, 4 * stride, vs, c40, c41);
            Update(ref c0, 5 * stride, vs, c50, c51);
            Update(ref c0, 6 * stride, vs, c60, c61);
            Update(ref c0, 7 * stride, vs, c70, c71);
            return;
        }
        Span<double> tile = stackalloc double[MR * NR];
        ref var tr = ref MemoryMarshal.GetReference(tile);
        c00.StoreUnsafe(ref tr, 0); c01.StoreUnsafe(ref tr, 8);
        c10.StoreUnsafe(ref tr, 16); c11.StoreUnsafe(ref tr, 24);
        c20.StoreUnsafe(ref tr, 32); c21.StoreUnsafe(ref tr, 40);
        c30.StoreUnsafe(ref tr, 48); c31.StoreUnsafe(ref tr, 56);
        c40.StoreUnsafe(ref tr, 64); c41.StoreUnsafe(ref tr, 72);
        c50.StoreUnsafe(ref tr, 80); c51.StoreUnsafe(ref tr, 88);
        c60.StoreUnsafe(ref tr, 96); c61.StoreUnsafe(ref tr, 104);
        c70.StoreUnsafe(ref tr, 112); c71.StoreUnsafe(ref tr, 120);
        for (var r = 0; r < rows; r++)
        {
            var dst = c.Data.AsSpan(c.Offset + (i0 + r) * c.Stride + j0, cols);
            var src = tile.Slice(r * NR, cols);
            for (var col = 0; col < cols; col++)
            {
                dst[col] += sign * src[col];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(ref double row, nuint offset, Vector512<double> sign, Vector512<double> lo, Vector512<double> hi)
    {
        Vector512.FusedMultiplyAdd(sign, lo, Vector512.LoadUnsafe(ref row, offset)).StoreUnsafe(ref row, offset);
        Vector512.FusedMultiplyAdd(sign, hi, Vector512.LoadUnsafe(ref row, offset + 8)).StoreUnsafe(ref row, offset + 8);
    }

    /// <summary>Whole-array form: P (m x k), Q (n x k) and C (m x ldc) row-major from index 0.</summary>
    public static void Compute(double[] p, int m, double[] q, int n, int k, double[] c, int ldc,
        bool accumulate, bool upperOnly, int maxThreads = -1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ldc, n, nameof(ldc));
        Compute(new DenseBlock(p, 0, k), m, new DenseBlock(q, 0, k), n, k, new DenseBlock(c, 0, ldc),
            accumulate, upperOnly, maxThreads: maxThreads);
    }

    /// <summary>Mirrors the upper triangle of a square row-major matrix into its lower triangle.</summary>
    public static void MirrorUpper(double[] a, int n)
    {
        // Blocked transpose-copy: both the source rows and the destination rows stay in cache.
        const int b = 32;
        for (var i0 = 0; i0 < n; i0 += b)
        {
            var i1 = Math.Min(n, i0 + b);
            for (var j0 = 0; j0 <= i0; j0 += b)
            {
                var j1 = Math.Min(n, j0 + b);
                for (var i = i0; i < i1; i++)
                {
                    var jEnd = Math.Min(j1, i);
                    for (var j = j0; j < jEnd; j++)
                    {
                        a[i * n + j] = a[j * n + i];
                    }
                }
            }
        }
    }

    /// <summary>SIMD dot product of two equally long spans.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = x.Length;
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var i = 0;
        var acc0 = Vector512<double>.Zero;
        var acc1 = Vector512<double>.Zero;
        for (; i + 16 <= n; i += 16)
        {
            acc0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref xr, (nuint)i), Vector512.LoadUnsafe(ref yr, (nuint)i), acc0);
            acc1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref xr, (nuint)(i + 8)), Vector512.LoadUnsafe(ref yr, (nuint)(i + 8)), acc1);
        }
        if (i + 8 <= n)
        {
            acc0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref xr, (nuint)i), Vector512.LoadUnsafe(ref yr, (nuint)i), acc0);
            i += 8;
        }
        var sum = Vector512.Sum(acc0 + acc1);
        for (; i < n; i++)
        {
            sum += Unsafe.Add(ref xr, i) * Unsafe.Add(ref yr, i);
        }
        return sum;
    }

    /// <summary><c>y += alpha * x</c>, SIMD.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        var n = x.Length;
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var va = Vector512.Create(alpha);
        var i = 0;
        for (; i + 8 <= n; i += 8)
        {
            var r = Vector512.FusedMultiplyAdd(va, Vector512.LoadUnsafe(ref xr, (nuint)i), Vector512.LoadUnsafe(ref yr, (nuint)i));
            r.StoreUnsafe(ref yr, (nuint)i);
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref yr, i) += alpha * Unsafe.Add(ref xr, i);
        }
    }
}

/// <summary>
/// A row-major block inside an array: element (i, j) is <c>Data[Offset + i * Stride + j]</c>, or with
/// <see cref="Transposed"/> <c>Data[Offset + j * Stride + i]</c> (a row-major matrix used as its transpose, e.g.
/// data rows of samples read as rows of features). Only operands P and Q of <see cref="RowDotProducts"/> may be
/// transposed.
/// </summary>
internal readonly record struct DenseBlock(double[] Data, int Offset, int Stride, bool Transposed = false)
{
    public void CheckFits(int rows, int cols, string name)
    {
        var (major, minor) = Transposed ? (cols, rows) : (rows, cols);
        ArgumentOutOfRangeException.ThrowIfLessThan(Stride, minor, name);
        ArgumentOutOfRangeException.ThrowIfLessThan(Data.Length, Offset + (long)(major - 1) * Stride + minor, name);
    }
}

/// <summary>
/// Which operand of <see cref="RowDotProducts"/> is upper trapezoidal: row i holds zeros in columns &lt; i, so the
/// products of a tile can start at its first row (or column) index.
/// </summary>
internal enum LeadingZeros
{
    None,
    PRows,
    QRows,
}

/// <summary>Thread count of the FID numerics: a positive value as given, anything else means all cores.</summary>
internal static class Parallelism
{
    public static int Threads(int maxThreads) => maxThreads > 0 ? maxThreads : Environment.ProcessorCount;
}
