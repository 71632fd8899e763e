using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace QGan.MLNet.Transforms.Evaluation.Numerics;

/// <summary>
/// The one dense kernel of the FID numerics: <c>C[i, j] (+/-)= dot(P[i, :], Q[j, :])</c> for row-major blocks P
/// (m x k) and Q (n x k). The covariance (syrk: P = Q = centred data, stored dimension-major), the trailing updates
/// of the Cholesky factorisation and of the tridiagonal reduction, and the congruence <c>R S R^T</c> of the
/// Fréchet trace are all dot products of contiguous rows, so one cache-blocked, AVX-512 and parallel kernel
/// serves all of them.
/// </summary>
internal static class RowDotProducts
{
    private const int Tile = 4;          // 4 x 4 output tile: 16 vector accumulators, 8 loads per 16 FMAs
    private const int BlockRows = 64;    // 64 rows of P and of Q per task: 2 x 64 x KBlock doubles stay in L2
    private const int KBlock = 512;

    /// <summary>
    /// Computes <c>C[i, j] (+)= sign * sum_t P[i, t] Q[j, t]</c> over <c>t &lt; k</c>. With
    /// <paramref name="upperOnly"/> (P and Q the same rows, m = n) only entries with j &gt;= i are guaranteed to be
    /// written (whole tiles straddling the diagonal are computed, so some entries just below it change too).
    /// <paramref name="zeros"/> declares the rows of P or of Q upper trapezoidal (row i stores zeros in columns
    /// &lt; i), so those products start at the diagonal. <paramref name="maxThreads"/> &lt;= 0 means all cores.
    /// </summary>
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

        var rowBlocks = (m + BlockRows - 1) / BlockRows;
        var colBlocks = (n + BlockRows - 1) / BlockRows;
        var tasks = new List<(int Ib, int Jb)>(rowBlocks * colBlocks);
        for (var ib = 0; ib < rowBlocks; ib++)
        {
            for (var jb = upperOnly ? ib : 0; jb < colBlocks; jb++)
            {
                tasks.Add((ib, jb));
            }
        }
        var sign = subtract ? -1.0 : 1.0;
        var (pv, qv, cv) = (p, q, c);

        void RunTask(int t)
        {
            var (ib, jb) = tasks[t];
            var i0 = ib * BlockRows;
            var i1 = Math.Min(m, i0 + BlockRows);
            var j0 = jb * BlockRows;
            var j1 = Math.Min(n, j0 + BlockRows);
            Span<double> tile = stackalloc double[Tile * Tile];
            var kFirst = zeros switch
            {
                LeadingZeros.PRows => Math.Min(i0, k),
                LeadingZeros.QRows => Math.Min(j0, k),
                _ => 0,
            };
            for (var k0 = kFirst; k0 < k; k0 += KBlock)
            {
                var kEnd = Math.Min(k, k0 + KBlock);
                for (var i = i0; i < i1; i += Tile)
                {
                    var rows = Math.Min(Tile, i1 - i);
                    var jStart = upperOnly ? Math.Max(j0, i - i % Tile) : j0;
                    for (var j = jStart; j < j1; j += Tile)
                    {
                        var cols = Math.Min(Tile, j1 - j);
                        var from = zeros switch
                        {
                            LeadingZeros.PRows => Math.Max(k0, i),
                            LeadingZeros.QRows => Math.Max(k0, j),
                            _ => k0,
                        };
                        if (from >= kEnd)
                        {
                            continue;
                        }
                        var len = kEnd - from;
                        if (rows == Tile && cols == Tile)
                        {
                            Dot4x4(pv.Data, pv.Offset + i * pv.Stride + from, pv.Stride,
                                qv.Data, qv.Offset + j * qv.Stride + from, qv.Stride, len, tile);
                            for (var a = 0; a < Tile; a++)
                            {
                                var row = cv.Offset + (i + a) * cv.Stride + j;
                                for (var b = 0; b < Tile; b++)
                                {
                                    cv.Data[row + b] += sign * tile[a * Tile + b];
                                }
                            }
                        }
                        else
                        {
                            for (var a = 0; a < rows; a++)
                            {
                                for (var b = 0; b < cols; b++)
                                {
                                    cv.Data[cv.Offset + (i + a) * cv.Stride + j + b] += sign * Dot(
                                        pv.Data.AsSpan(pv.Offset + (i + a) * pv.Stride + from, len),
                                        qv.Data.AsSpan(qv.Offset + (j + b) * qv.Stride + from, len));
                                }
                            }
                        }
                    }
                }
            }
        }

        var threads = Parallelism.Threads(maxThreads);
        if (threads == 1 || tasks.Count == 1 || (long)m * n * k < 1 << 18)
        {
            for (var t = 0; t < tasks.Count; t++)
            {
                RunTask(t);
            }
        }
        else
        {
            Parallel.For(0, tasks.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, RunTask);
        }
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

    /// <summary>4 x 4 block of dot products of rows P[pOff + a*pStride ..] and Q[qOff + b*qStride ..] over len.</summary>
    private static void Dot4x4(double[] p, int pOff, int pStride, double[] q, int qOff, int qStride, int len, Span<double> result)
    {
        ref var pr = ref MemoryMarshal.GetArrayDataReference(p);
        ref var qr = ref MemoryMarshal.GetArrayDataReference(q);
        ref var p0 = ref Unsafe.Add(ref pr, pOff);
        ref var p1 = ref Unsafe.Add(ref p0, pStride);
        ref var p2 = ref Unsafe.Add(ref p1, pStride);
        ref var p3 = ref Unsafe.Add(ref p2, pStride);
        ref var q0 = ref Unsafe.Add(ref qr, qOff);
        ref var q1 = ref Unsafe.Add(ref q0, qStride);
        ref var q2 = ref Unsafe.Add(ref q1, qStride);
        ref var q3 = ref Unsafe.Add(ref q2, qStride);
        Vector512<double> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector512<double> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<double> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector512<double> c30 = default, c31 = default, c32 = default, c33 = default;
        var t = 0;
        for (; t + 8 <= len; t += 8)
        {
            var o = (nuint)t;
            var a0 = Vector512.LoadUnsafe(ref p0, o);
            var a1 = Vector512.LoadUnsafe(ref p1, o);
            var a2 = Vector512.LoadUnsafe(ref p2, o);
            var a3 = Vector512.LoadUnsafe(ref p3, o);
            var b0 = Vector512.LoadUnsafe(ref q0, o);
            var b1 = Vector512.LoadUnsafe(ref q1, o);
            var b2 = Vector512.LoadUnsafe(ref q2, o);
            var b3 = Vector512.LoadUnsafe(ref q3, o);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            c02 = Vector512.FusedMultiplyAdd(a0, b2, c02);
            c03 = Vector512.FusedMultiplyAdd(a0, b3, c03);
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            c12 = Vector512.FusedMultiplyAdd(a1, b2, c12);
            c13 = Vector512.FusedMultiplyAdd(a1, b3, c13);
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            c22 = Vector512.FusedMultiplyAdd(a2, b2, c22);
            c23 = Vector512.FusedMultiplyAdd(a2, b3, c23);
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            c32 = Vector512.FusedMultiplyAdd(a3, b2, c32);
            c33 = Vector512.FusedMultiplyAdd(a3, b3, c33);
        }
        result[0] = Vector512.Sum(c00); result[1] = Vector512.Sum(c01); result[2] = Vector512.Sum(c02); result[3] = Vector512.Sum(c03);
        result[4] = Vector512.Sum(c10); result[5] = Vector512.Sum(c11); result[6] = Vector512.Sum(c12); result[7] = Vector512.Sum(c13);
        result[8] = Vector512.Sum(c20); result[9] = Vector512.Sum(c21); result[10] = Vector512.Sum(c22); result[11] = Vector512.Sum(c23);
        result[12] = Vector512.Sum(c30); result[13] = Vector512.Sum(c31); result[14] = Vector512.Sum(c32); result[15] = Vector512.Sum(c33);
        for (; t < len; t++)
        {
            double x0 = Unsafe.Add(ref p0, t), x1 = Unsafe.Add(ref p1, t), x2 = Unsafe.Add(ref p2, t), x3 = Unsafe.Add(ref p3, t);
            double y0 = Unsafe.Add(ref q0, t), y1 = Unsafe.Add(ref q1, t), y2 = Unsafe.Add(ref q2, t), y3 = Unsafe.Add(ref q3, t);
            result[0] += x0 * y0; result[1] += x0 * y1; result[2] += x0 * y2; result[3] += x0 * y3;
            result[4] += x1 * y0; result[5] += x1 * y1; result[6] += x1 * y2; result[7] += x1 * y3;
            result[8] += x2 * y0; result[9] += x2 * y1; result[10] += x2 * y2; result[11] += x2 * y3;
            result[12] += x3 * y0; result[13] += x3 * y1; result[14] += x3 * y2; result[15] += x3 * y3;
        }
    }
}

/// <summary>A row-major block inside an array: element (i, j) is <c>Data[Offset + i * Stride + j]</c>.</summary>
internal readonly record struct DenseBlock(double[] Data, int Offset, int Stride)
{
    public void CheckFits(int rows, int cols, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Stride, cols, name);
        ArgumentOutOfRangeException.ThrowIfLessThan(Data.Length, Offset + (long)(rows - 1) * Stride + cols, name);
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
