using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace QGan.MLNet.Transforms.Evaluation.Numerics;

/// <summary>
/// Eigen-decomposition of a real symmetric matrix: Householder reduction to tridiagonal form followed by the
/// implicit QL algorithm with Wilkinson-type shifts (the EISPACK tred2/tql2 pair, as in JAMA), O(d^3).
/// </summary>
/// <remarks>
/// The classic formulation walks matrix columns; here the working matrix is stored transposed
/// (<c>z[j * n + k]</c> holds JAMA's <c>V[k][j]</c>), which turns every inner loop into a contiguous row
/// operation (SIMD dot/axpy) and leaves the eigenvectors as rows. The Householder transformations are accumulated
/// in blocks (compact WY form). The QL plane rotations are recorded and applied to the eigenvector rows in batches,
/// strip by strip of columns held in cache, in parallel.
/// </remarks>
public static class SymmetricEigenSolver
{
    private const int MaxIterationsPerEigenvalue = 60;
    private const int ParallelThreshold = 256;
    private const int ReflectorBlock = 32;

    /// <summary>Eigenvalues (ascending) and eigenvectors (rows, orthonormal) of a symmetric row-major matrix.</summary>
    public static SymmetricEigenDecomposition Decompose(ReadOnlySpan<double> matrix, int n) =>
        Run(matrix, n, computeVectors: true);

    /// <summary>Eigenvalues only (ascending); skips the O(d^3) accumulation of the transformations.</summary>
    public static double[] Eigenvalues(ReadOnlySpan<double> matrix, int n) =>
        Run(matrix, n, computeVectors: false).Values;

    private static SymmetricEigenDecomposition Run(ReadOnlySpan<double> matrix, int n, bool computeVectors)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (matrix.Length != (long)n * n)
        {
            throw new ArgumentException($"Expected a {n} x {n} matrix ({(long)n * n} values) but got {matrix.Length}.", nameof(matrix));
        }
        for (var i = 0; i < matrix.Length; i++)
        {
            if (!double.IsFinite(matrix[i]))
            {
                throw new ArgumentException($"Matrix entry ({i / n}, {i % n}) is {matrix[i]}; the eigen-solver needs finite values.", nameof(matrix));
            }
        }
        if (n == 0)
        {
            return new SymmetricEigenDecomposition([], [], 0);
        }
        // Symmetric input: the transposed working copy is the matrix itself.
        var z = matrix.ToArray();
        var d = new double[n];
        var e = new double[n];
        Tridiagonalize(z, n, d, e, computeVectors);
        DiagonalizeTridiagonal(z, n, d, e, computeVectors);
        SortAscending(z, n, d, computeVectors);
        return new SymmetricEigenDecomposition(d, computeVectors ? z : [], n);
    }

    /// <summary>Householder reduction (tred2). On exit d = diagonal, e = sub-diagonal (e[0] = 0), z = Q^T (rows).</summary>
    private static void Tridiagonalize(double[] z, int n, double[] d, double[] e, bool computeVectors)
    {
        for (var j = 0; j < n; j++)
        {
            d[j] = z[j * n + n - 1];
        }
        for (var i = n - 1; i > 0; i--)
        {
            double scale = 0, h = 0;
            for (var k = 0; k < i; k++)
            {
                scale += Math.Abs(d[k]);
            }
            if (scale == 0.0)
            {
                e[i] = d[i - 1];
                for (var j = 0; j < i; j++)
                {
                    d[j] = z[j * n + i - 1];
                    z[j * n + i] = 0.0;
                    z[i * n + j] = 0.0;
                }
            }
            else
            {
                for (var k = 0; k < i; k++)
                {
                    d[k] /= scale;
                    h += d[k] * d[k];
                }
                var f = d[i - 1];
                var g = Math.Sqrt(h);
                if (f > 0)
                {
                    g = -g;
                }
                e[i] = scale * g;
                h -= f * g;
                d[i - 1] = f - g;
                Array.Clear(e, 0, i);

                // p = A d on the active i x i block (the stored triangle, row by row: dot + axpy); z[i][j] keeps
                // the Householder vector for the accumulation phase.
                for (var j = 0; j < i; j++)
                {
                    z[i * n + j] = d[j];
                }
                SymmetricMatVec(z, n, i, d, e);
                f = 0.0;
                for (var j = 0; j < i; j++)
                {
                    e[j] /= h;
                    f += e[j] * d[j];
                }
                var hh = f / (h + h);
                for (var j = 0; j < i; j++)
                {
                    e[j] -= hh * d[j];
                }

                // Rank-2 update A -= d e^T + e d^T (stored triangle); rows are independent.
                var ii = i;
                void UpdateRow(int j)
                {
                    var row = z.AsSpan(j * n + j, ii - j);
                    RowDotProducts.Axpy(-d[j], e.AsSpan(j, ii - j), row);
                    RowDotProducts.Axpy(-e[j], d.AsSpan(j, ii - j), row);
                }
                if (i >= ParallelThreshold)
                {
                    Parallel.For(0, i, UpdateRow);
                }
                else
                {
                    for (var j = 0; j < i; j++)
                    {
                        UpdateRow(j);
                    }
                }
                for (var j = 0; j < i; j++)
                {
                    d[j] = z[j * n + i - 1];
                    z[j * n + i] = 0.0;
                }
            }
            d[i] = h;
        }

        if (!computeVectors)
        {
            for (var j = 0; j < n; j++)
            {
                d[j] = z[j * n + j];
            }
            e[0] = 0.0;
            return;
        }

        AccumulateTransformations(z, n, d);
        for (var j = 0; j < n; j++)
        {
            d[j] = z[j * n + n - 1];
            z[j * n + n - 1] = 0.0;
        }
        z[(n - 1) * n + n - 1] = 1.0;
        e[0] = 0.0;
    }

    /// <summary>
    /// Accumulates the Householder transformations of the reduction into Q (rows of z), in blocks of
    /// <see cref="ReflectorBlock"/> reflectors. Step i of tred2's accumulation applies
    /// <c>H_i = I - v_i v_i^T / h_i</c> (<c>v_i</c> = row i+1, columns 0..i; <c>h_i</c> = d[i+1]) from the right to
    /// rows 0..i after row i has joined as the unit vector e_i. A block of steps i0..i0+nb-1 is applied at once in
    /// compact WY form, <c>H_i0 ... H_(i0+nb-1) = I - V T V^T</c> with T upper triangular (LAPACK dlarft, forward):
    /// each row is then read once per block instead of once per reflector. Rows that join inside the block are unit
    /// vectors on which the block's earlier reflectors act as the identity (<c>v_k[j] = 0</c> for j &gt; k), so
    /// applying the whole block to them is exact.
    /// </summary>
    private static void AccumulateTransformations(double[] z, int n, double[] d)
    {
        for (var i0 = 0; i0 < n - 1; i0 += ReflectorBlock)
        {
            var nb = Math.Min(ReflectorBlock, n - 1 - i0);
            var width = i0 + nb; // columns (and rows) the block touches
            var vt = new double[nb * width];
            var tau = new double[nb];
            for (var t = 0; t < nb; t++)
            {
                var i = i0 + t;
                var h = d[i + 1];
                tau[t] = h != 0.0 ? 1.0 / h : 0.0;
                Array.Copy(z, (i + 1) * n, vt, t * width, i + 1);
            }
            // Rows joining in this block: stash the diagonal, become e_i (their columns 0..i-1 held v_(i-1)).
            for (var t = 0; t < nb; t++)
            {
                var i = i0 + t;
                z[i * n + n - 1] = z[i * n + i];
                Array.Clear(z, i * n, i);
                z[i * n + i] = 1.0;
            }
            Array.Clear(z, width * n, width);

            // T (nb x nb, upper): T[k][k] = tau_k, T[0..k)[k] = -tau_k T[0..k)[0..k) (V[:, 0..k)^T v_k).
            var tm = new double[nb * nb];
            var w = new double[nb];
            for (var k = 0; k < nb; k++)
            {
                if (tau[k] == 0.0)
                {
                    continue;
                }
                var vk = vt.AsSpan(k * width, width);
                for (var m = 0; m < k; m++)
                {
                    w[m] = RowDotProducts.Dot(vt.AsSpan(m * width, width), vk);
                }
                for (var m = 0; m < k; m++)
                {
                    double sum = 0;
                    for (var q = m; q < k; q++)
                    {
                        sum += tm[m * nb + q] * w[q];
                    }
                    tm[m * nb + k] = -tau[k] * sum;
                }
                tm[k * nb + k] = tau[k];
            }

            // Every row j < width: row <- row - ((row V) T) V^T.
            void UpdateRow(int j)
            {
                var row = z.AsSpan(j * n, width);
                Span<double> p = stackalloc double[nb];
                Span<double> coef = stackalloc double[nb];
                for (var t = 0; t < nb; t++)
                {
                    p[t] = RowDotProducts.Dot(row, vt.AsSpan(t * width, width));
                }
                for (var t = 0; t < nb; t++)
                {
                    double sum = 0;
                    for (var m = 0; m <= t; m++)
                    {
                        sum += p[m] * tm[m * nb + t];
                    }
                    coef[t] = sum;
                }
                for (var t = 0; t < nb; t++)
                {
                    if (coef[t] != 0.0)
                    {
                        RowDotProducts.Axpy(-coef[t], vt.AsSpan(t * width, width), row);
                    }
                }
            }
            if (width >= ParallelThreshold)
            {
                Parallel.For(0, width, UpdateRow);
            }
            else
            {
                for (var j = 0; j < width; j++)
                {
                    UpdateRow(j);
                }
            }
        }
    }

    /// <summary>
    /// <c>e[0..i) = A d</c> for the leading i x i block whose upper triangle is stored in the rows of z. Large
    /// blocks are split into row ranges of equal work (row j costs i - j), each with a private accumulator.
    /// </summary>
    private static void SymmetricMatVec(double[] z, int n, int i, double[] d, double[] e)
    {
        var parts = i >= 2 * ParallelThreshold ? Math.Min(Environment.ProcessorCount, 8) : 1;
        if (parts == 1)
        {
            MatVecRows(z, n, i, 0, i, d, e);
            return;
        }
        var partial = new double[parts][];
        Parallel.For(0, parts, part =>
        {
            var from = (int)(i * (1 - Math.Sqrt(1 - (double)part / parts)));
            var to = part == parts - 1 ? i : (int)(i * (1 - Math.Sqrt(1 - (double)(part + 1) / parts)));
            var acc = ArrayPool<double>.Shared.Rent(i);
            Array.Clear(acc, 0, i);
            MatVecRows(z, n, i, from, to, d, acc);
            partial[part] = acc;
        });
        var es = e.AsSpan(0, i);
        es.Clear();
        foreach (var acc in partial)
        {
            for (var k = 0; k < i; k++)
            {
                es[k] += acc[k];
            }
            ArrayPool<double>.Shared.Return(acc);
        }
    }

    // Adds the contributions of rows [from, to) of the stored triangle to acc: row j gives acc[j] += A[j, j..i) d[j..i)
    // and acc[j+1..i) += A[j, j+1..i) d[j] (the symmetric half).
    private static void MatVecRows(double[] z, int n, int i, int from, int to, double[] d, double[] acc)
    {
        var ds = d.AsSpan(0, i);
        var es = acc.AsSpan(0, i);
        for (var j = from; j < to; j++)
        {
            var row = z.AsSpan(j * n, i);
            var f = ds[j];
            var g = row[j] * f;
            if (j + 1 < i)
            {
                var tail = row[(j + 1)..];
                g += RowDotProducts.Dot(tail, ds[(j + 1)..]);
                RowDotProducts.Axpy(f, tail, es[(j + 1)..]);
            }
            es[j] += g;
        }
    }

    /// <summary>
    /// Implicit QL iterations on the tridiagonal matrix (tql2). The iteration itself only touches d and e; its plane
    /// rotations are recorded and applied to the rows of z in batches by <see cref="RotationLog"/>.
    /// </summary>
    private static void DiagonalizeTridiagonal(double[] z, int n, double[] d, double[] e, bool computeVectors)
    {
        for (var i = 1; i < n; i++)
        {
            e[i - 1] = e[i];
        }
        e[n - 1] = 0.0;

        var log = computeVectors ? new RotationLog(z, n) : null;
        double f = 0.0, tst1 = 0.0;
        var eps = Math.Pow(2.0, -52.0);
        for (var l = 0; l < n; l++)
        {
            tst1 = Math.Max(tst1, Math.Abs(d[l]) + Math.Abs(e[l]));
            var m = l;
            while (m < n)
            {
                if (Math.Abs(e[m]) <= eps * tst1)
                {
                    break;
                }
                m++;
            }
            if (m > l)
            {
                var iter = 0;
                do
                {
                    if (++iter > MaxIterationsPerEigenvalue)
                    {
                        throw new ArithmeticException(
                            $"Symmetric eigen-solver did not converge for eigenvalue {l} of {n} after {MaxIterationsPerEigenvalue} QL iterations.");
                    }
                    // Implicit shift from the leading 2 x 2 block.
                    var g = d[l];
                    var p = (d[l + 1] - g) / (2.0 * e[l]);
                    var r = Hypot(p, 1.0);
                    if (p < 0)
                    {
                        r = -r;
                    }
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    var dl1 = d[l + 1];
                    var h = g - d[l];
                    for (var i = l + 2; i < n; i++)
                    {
                        d[i] -= h;
                    }
                    f += h;

                    // Implicit QL sweep from m-1 down to l.
                    p = d[m];
                    double c = 1.0, c2 = c, c3 = c;
                    var el1 = e[l + 1];
                    double s = 0.0, s2 = 0.0;
                    for (var i = m - 1; i >= l; i--)
                    {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = Hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        log?.Add(i, c, s);
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                }
                while (Math.Abs(e[l]) > eps * tst1);
            }
            d[l] += f;
            e[l] = 0.0;
        }
        log?.Flush();
    }

    /// <summary>
    /// Records the QL plane rotations and applies them to the eigenvector rows in batches. Applying one sweep at a
    /// time would stream the whole d x d matrix through memory once per sweep (memory-bound); instead each batch
    /// is applied to narrow column strips that are copied into a contiguous buffer small enough for L2, so every
    /// recorded rotation works on cached data, and strips run in parallel.
    /// </summary>
    private sealed class RotationLog
    {
        private const int Capacity = 1 << 19;
        private readonly double[] _z;
        private readonly int _n;
        private readonly int[] _index = new int[Capacity];
        private readonly double[] _cos = new double[Capacity];
        private readonly double[] _sin = new double[Capacity];
        private readonly int _stripWidth;
        private int _count;

        public RotationLog(double[] z, int n)
        {
            _z = z;
            _n = n;
            // Strip of n rows x w columns within ~1 MiB (the L2 of one core), w a multiple of 8 (one 512-bit vector);
            // wider strips give each recorded rotation more independent vector work.
            var w = 8;
            while (w < 64 && (long)n * w * 2 * sizeof(double) <= 1024 * 1024)
            {
                w *= 2;
            }
            _stripWidth = Math.Min(w, n);
        }

        public void Add(int i, double c, double s)
        {
            _index[_count] = i;
            _cos[_count] = c;
            _sin[_count] = s;
            if (++_count == Capacity)
            {
                Flush();
            }
        }

        public void Flush()
        {
            if (_count == 0)
            {
                return;
            }
            var n = _n;
            var w = _stripWidth;
            var strips = (n + w - 1) / w;
            var count = _count;
            void RunStrip(int strip)
            {
                var k0 = strip * w;
                var width = Math.Min(w, n - k0);
                var buffer = ArrayPool<double>.Shared.Rent(n * width);
                for (var row = 0; row < n; row++)
                {
                    Array.Copy(_z, row * n + k0, buffer, row * width, width);
                }
                if (width % Vector512<double>.Count == 0)
                {
                    RotateStrip(buffer, width, count);
                }
                else
                {
                    for (var t = 0; t < count; t++)
                    {
                        var i = _index[t];
                        Rotate(buffer.AsSpan(i * width, width), buffer.AsSpan((i + 1) * width, width), _cos[t], _sin[t]);
                    }
                }
                for (var row = 0; row < n; row++)
                {
                    Array.Copy(buffer, row * width, _z, row * n + k0, width);
                }
                ArrayPool<double>.Shared.Return(buffer);
            }
            if (strips > 1 && (long)count * n >= 1 << 16)
            {
                Parallel.For(0, strips, RunStrip);
            }
            else
            {
                for (var strip = 0; strip < strips; strip++)
                {
                    RunStrip(strip);
                }
            }
            _count = 0;
        }

        // The hot loop: every recorded rotation on a cached strip whose width is a multiple of 8.
        private void RotateStrip(double[] buffer, int width, int count)
        {
            ref var b = ref MemoryMarshal.GetArrayDataReference(buffer);
            ref var index = ref MemoryMarshal.GetArrayDataReference(_index);
            ref var cos = ref MemoryMarshal.GetArrayDataReference(_cos);
            ref var sin = ref MemoryMarshal.GetArrayDataReference(_sin);
            for (var t = 0; t < count; t++)
            {
                var vc = Vector512.Create(Unsafe.Add(ref cos, t));
                var vs = Vector512.Create(Unsafe.Add(ref sin, t));
                ref var x = ref Unsafe.Add(ref b, Unsafe.Add(ref index, t) * width);
                ref var y = ref Unsafe.Add(ref x, width);
                for (var k = 0; k < width; k += Vector512<double>.Count)
                {
                    var xv = Vector512.LoadUnsafe(ref x, (nuint)k);
                    var yv = Vector512.LoadUnsafe(ref y, (nuint)k);
                    Vector512.FusedMultiplyAdd(vs, xv, vc * yv).StoreUnsafe(ref y, (nuint)k);
                    Vector512.FusedMultiplyAdd(vc, xv, -(vs * yv)).StoreUnsafe(ref x, (nuint)k);
                }
            }
        }
    }

    /// <summary><c>(x, y) &lt;- (c x - s y, s x + c y)</c>, SIMD.</summary>
    private static void Rotate(Span<double> x, Span<double> y, double c, double s)
    {
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var vc = Vector512.Create(c);
        var vs = Vector512.Create(s);
        var k = 0;
        for (; k + 8 <= x.Length; k += 8)
        {
            var xv = Vector512.LoadUnsafe(ref xr, (nuint)k);
            var yv = Vector512.LoadUnsafe(ref yr, (nuint)k);
            (vs * xv + vc * yv).StoreUnsafe(ref yr, (nuint)k);
            (vc * xv - vs * yv).StoreUnsafe(ref xr, (nuint)k);
        }
        for (; k < x.Length; k++)
        {
            var xv = Unsafe.Add(ref xr, k);
            var yv = Unsafe.Add(ref yr, k);
            Unsafe.Add(ref yr, k) = s * xv + c * yv;
            Unsafe.Add(ref xr, k) = c * xv - s * yv;
        }
    }

    private static void SortAscending(double[] z, int n, double[] d, bool computeVectors)
    {
        var tmp = computeVectors ? new double[n] : [];
        for (var i = 0; i < n - 1; i++)
        {
            var k = i;
            var p = d[i];
            for (var j = i + 1; j < n; j++)
            {
                if (d[j] < p)
                {
                    k = j;
                    p = d[j];
                }
            }
            if (k != i)
            {
                d[k] = d[i];
                d[i] = p;
                if (computeVectors)
                {
                    var a = z.AsSpan(i * n, n);
                    var b = z.AsSpan(k * n, n);
                    a.CopyTo(tmp);
                    b.CopyTo(a);
                    tmp.CopyTo(b);
                }
            }
        }
    }

    // sqrt(a^2 + b^2) without destructive under/overflow.
    private static double Hypot(double a, double b)
    {
        double aa = Math.Abs(a), ab = Math.Abs(b);
        if (aa > ab)
        {
            var r = ab / aa;
            return aa * Math.Sqrt(1 + r * r);
        }
        if (ab != 0)
        {
            var r = aa / ab;
            return ab * Math.Sqrt(1 + r * r);
        }
        return 0.0;
    }
}

/// <summary>Result of <see cref="SymmetricEigenSolver"/>: ascending eigenvalues and orthonormal eigenvectors.</summary>
public sealed class SymmetricEigenDecomposition
{
    private readonly double[] _vectors;

    internal SymmetricEigenDecomposition(double[] values, double[] vectorRows, int dimension)
    {
        Values = values;
        _vectors = vectorRows;
        Dimension = dimension;
    }

    /// <summary>Size of the decomposed matrix.</summary>
    public int Dimension { get; }

    /// <summary>Eigenvalues in ascending order.</summary>
    public double[] Values { get; }

    /// <summary>Eigenvector <paramref name="index"/> (unit length), matching <c>Values[index]</c>.</summary>
    public ReadOnlySpan<double> Vector(int index) => _vectors.AsSpan(index * Dimension, Dimension);

    /// <summary>All eigenvectors as rows of a row-major d x d array (row i pairs with <c>Values[i]</c>).</summary>
    internal double[] VectorRows => _vectors;
}
