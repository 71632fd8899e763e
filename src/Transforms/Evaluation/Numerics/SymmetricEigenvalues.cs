using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace QGan.MLNet.Transforms.Evaluation.Numerics;

/// <summary>
/// Eigenvalues (no eigenvectors) of a real symmetric matrix: blocked Householder reduction to tridiagonal form
/// (LAPACK <c>dsytrd</c>/<c>dlatrd</c>) followed by the implicit QL algorithm with shifts on the tridiagonal
/// (EISPACK <c>tql1</c>), O(4/3 n^3) flops.
/// </summary>
/// <remarks>
/// Row-major with the upper triangle as working storage, which is LAPACK's column-major lower variant: the
/// vector to annihilate at step i is row i right of the diagonal, contiguous. Within a panel of
/// <see cref="PanelColumns"/> steps every reflector needs one symmetric matrix-vector product with the trailing
/// matrix (split over threads by rows of equal work) plus small corrections for the panel's pending
/// transformations; the trailing matrix then gets one symmetric rank-2k update per panel
/// (<c>A22 -= V W^T + W V^T</c>) through <see cref="RowDotProducts"/>. Without eigenvectors nothing is accumulated,
/// so the QL sweeps only touch the two diagonals.
/// </remarks>
internal static class SymmetricEigenvalues
{
    private const int PanelColumns = 32;
    private const int MaxIterationsPerEigenvalue = 60;
    private const int ParallelMatVecSize = 512;

    /// <summary>Eigenvalues in ascending order of a symmetric n x n row-major matrix (the upper triangle is read).</summary>
    public static double[] Compute(ReadOnlySpan<double> matrix, int n, int maxThreads = -1)
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
            return [];
        }
        var a = matrix.ToArray();
        var d = new double[n];
        var e = new double[n];
        Tridiagonalize(a, n, d, e, Parallelism.Threads(maxThreads));
        DiagonalizeTridiagonal(d, e, n);
        Array.Sort(d);
        return d;
    }

    /// <summary>Reduces a (upper triangle, row-major) to tridiagonal form: d = diagonal, e[i] = T[i, i+1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tridiagonalize(double[] a, int n, double[] d, double[] e, int threads)
    {
        // wt[k] holds column k of LAPACK's W for the current panel (indices of the whole matrix).
        var wt = new double[PanelColumns * n];
        var corrections = new double[2 * PanelColumns];
        var x = Array.Empty<double>();
        var y = Array.Empty<double>();
        for (var j0 = 0; j0 < n; j0 += PanelColumns)
        {
            var j1 = Math.Min(n, j0 + PanelColumns);
            for (var i = j0; i < j1; i++)
            {
                var row = a.AsSpan(i * n + i, n - i);
                // Bring row i up to date with the panel's earlier reflectors: A(i, i..) -= sum_k W(i, k) V_k + V_k(i) W_k.
                for (var k = j0; k < i; k++)
                {
                    RowDotProducts.Axpy(-wt[(k - j0) * n + i], a.AsSpan(k * n + i, n - i), row);
                    RowDotProducts.Axpy(-a[k * n + i], wt.AsSpan((k - j0) * n + i, n - i), row);
                }
                d[i] = row[0];
                if (i == n - 1)
                {
                    break;
                }
                // Reflector H = I - tau v v^T with v = (1, x/(alpha - beta)) annihilating A(i, i+2..).
                var v = a.AsSpan(i * n + i + 1, n - i - 1);
                var alpha = v[0];
                double xnorm2 = 0;
                for (var t = 1; t < v.Length; t++)
                {
                    xnorm2 += v[t] * v[t];
                }
                double tau;
                if (xnorm2 == 0)
                {
                    tau = 0;
                    e[i] = alpha;
                }
                else
                {
                    var beta = -Math.CopySign(Math.Sqrt(alpha * alpha + xnorm2), alpha);
                    tau = (beta - alpha) / beta;
                    var scale = 1.0 / (alpha - beta);
                    for (var t = 1; t < v.Length; t++)
                    {
                        v[t] *= scale;
                    }
                    e[i] = beta;
                }
                v[0] = 1.0;
                var w = wt.AsSpan((i - j0) * n + i + 1, n - i - 1);
                if (tau == 0)
                {
                    w.Clear();
                    continue;
                }
                // w = tau (A22 v - V (W^T v) - W (V^T v)), then w -= (tau/2)(w^T v) v.
                SymmetricMatVec(a, n, i + 1, v, w, threads);
                var panelBefore = i - j0;
                for (var k = 0; k < panelBefore; k++)
                {
                    corrections[k] = RowDotProducts.Dot(wt.AsSpan(k * n + i + 1, n - i - 1), v);
                    corrections[PanelColumns + k] = RowDotProducts.Dot(a.AsSpan((j0 + k) * n + i + 1, n - i - 1), v);
                }
                for (var k = 0; k < panelBefore; k++)
                {
                    RowDotProducts.Axpy(-corrections[k], a.AsSpan((j0 + k) * n + i + 1, n - i - 1), w);
                    RowDotProducts.Axpy(-corrections[PanelColumns + k], wt.AsSpan(k * n + i + 1, n - i - 1), w);
                }
                for (var t = 0; t < w.Length; t++)
                {
                    w[t] *= tau;
                }
                var half = -0.5 * tau * RowDotProducts.Dot(w, v);
                RowDotProducts.Axpy(half, v, w);
            }
            if (j1 >= n)
            {
                break;
            }
            // A22 -= V W^T + W V^T on rows/columns j1.., as dot products of X = [V | W] and Y = [W | V] rows.
            var rest = n - j1;
            var nb = j1 - j0;
            var width = 2 * nb;
            if (x.Length < rest * width)
            {
                x = new double[rest * width];
                y = new double[rest * width];
            }
            for (var k = 0; k < nb; k++)
            {
                var vk = a.AsSpan((j0 + k) * n + j1, rest);
                var wk = wt.AsSpan(k * n + j1, rest);
                for (var r = 0; r < rest; r++)
                {
                    x[r * width + k] = vk[r];
                    x[r * width + nb + k] = wk[r];
                    y[r * width + k] = wk[r];
                    y[r * width + nb + k] = vk[r];
                }
            }
            RowDotProducts.Compute(new DenseBlock(x, 0, width), rest, new DenseBlock(y, 0, width), rest, width,
                new DenseBlock(a, j1 * n + j1, n), accumulate: true, upperOnly: true, subtract: true, maxThreads: threads);
        }
    }

    /// <summary>
    /// <c>w = A[s.., s..] v</c> for the trailing block from row s, whose upper triangle is stored in the rows of a.
    /// Each stored element is read once (row j gives w[j] += A[j, j..] v[j..] and w[j+1..] += A[j, j+1..] v[j]).
    /// Large blocks are split into row ranges of equal work, each with a private accumulator.
    /// </summary>
    private static void SymmetricMatVec(double[] a, int n, int s, ReadOnlySpan<double> v, Span<double> w, int threads)
    {
        var m = n - s;
        var parts = m >= ParallelMatVecSize ? Math.Min(threads, 8) : 1;
        if (parts == 1)
        {
            w.Clear();
            MatVecRows(a, n, s, 0, m, v, w);
            return;
        }
        var vArray = ArrayPool<double>.Shared.Rent(m);
        v.CopyTo(vArray);
        var partial = new double[parts][];
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
        {
            var from = (int)(m * (1 - Math.Sqrt(1 - (double)part / parts)));
            var to = part == parts - 1 ? m : (int)(m * (1 - Math.Sqrt(1 - (double)(part + 1) / parts)));
            var acc = ArrayPool<double>.Shared.Rent(m);
            Array.Clear(acc, 0, m);
            MatVecRows(a, n, s, from, to, vArray.AsSpan(0, m), acc.AsSpan(0, m));
            partial[part] = acc;
        });
        w.Clear();
        foreach (var acc in partial)
        {
            RowDotProducts.Axpy(1.0, acc.AsSpan(0, m), w);
            ArrayPool<double>.Shared.Return(acc);
        }
        ArrayPool<double>.Shared.Return(vArray);
    }

    // Adds rows [from, to) of the stored upper triangle (relative to the trailing block at s) to acc, four rows at a
    // time: each loaded element of v and acc then serves four rows, so the kernel streams the matrix once and
    // keeps the vector traffic in L1 instead of re-reading v and acc per row.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MatVecRows(double[] a, int n, int s, int from, int to, ReadOnlySpan<double> v, Span<double> acc)
    {
        var m = n - s;
        var j = from;
        ref var vr = ref MemoryMarshal.GetReference(v);
        ref var accr = ref MemoryMarshal.GetReference(acc);
        for (; j + 4 <= to; j += 4)
        {
            var b0 = (s + j) * n + s;
            // The 4 x 4 diagonal block, scalar.
            for (var r = 0; r < 4; r++)
            {
                var rowOff = b0 + r * n;
                var g = a[rowOff + j + r] * v[j + r];
                for (var q = r + 1; q < 4; q++)
                {
                    var x = a[rowOff + j + q];
                    g += x * v[j + q];
                    acc[j + q] += x * v[j + r];
                }
                acc[j + r] += g;
            }
            var c0 = j + 4;
            if (c0 >= m)
            {
                continue;
            }
            ref var r0 = ref a[b0];
            ref var r1 = ref Unsafe.Add(ref r0, n);
            ref var r2 = ref Unsafe.Add(ref r1, n);
            ref var r3 = ref Unsafe.Add(ref r2, n);
            double f0 = v[j], f1 = v[j + 1], f2 = v[j + 2], f3 = v[j + 3];
            Vector512<double> vf0 = Vector512.Create(f0), vf1 = Vector512.Create(f1), vf2 = Vector512.Create(f2), vf3 = Vector512.Create(f3);
            Vector512<double> g0 = default, g1 = default, g2 = default, g3 = default;
            var c = c0;
            for (; c + 8 <= m; c += 8)
            {
                var o = (nuint)c;
                var vc = Vector512.LoadUnsafe(ref vr, o);
                var x0 = Vector512.LoadUnsafe(ref r0, o);
                var x1 = Vector512.LoadUnsafe(ref r1, o);
                var x2 = Vector512.LoadUnsafe(ref r2, o);
                var x3 = Vector512.LoadUnsafe(ref r3, o);
                g0 = Vector512.FusedMultiplyAdd(x0, vc, g0);
                g1 = Vector512.FusedMultiplyAdd(x1, vc, g1);
                g2 = Vector512.FusedMultiplyAdd(x2, vc, g2);
                g3 = Vector512.FusedMultiplyAdd(x3, vc, g3);
                var sum = Vector512.FusedMultiplyAdd(x0, vf0, Vector512.LoadUnsafe(ref accr, o));
                sum = Vector512.FusedMultiplyAdd(x1, vf1, sum);
                sum = Vector512.FusedMultiplyAdd(x2, vf2, sum);
                sum = Vector512.FusedMultiplyAdd(x3, vf3, sum);
                sum.StoreUnsafe(ref accr, o);
            }
            double h0 = Vector512.Sum(g0), h1 = Vector512.Sum(g1), h2 = Vector512.Sum(g2), h3 = Vector512.Sum(g3);
            for (; c < m; c++)
            {
                double x0 = Unsafe.Add(ref r0, c), x1 = Unsafe.Add(ref r1, c), x2 = Unsafe.Add(ref r2, c), x3 = Unsafe.Add(ref r3, c);
                var vc = v[c];
                h0 += x0 * vc;
                h1 += x1 * vc;
                h2 += x2 * vc;
                h3 += x3 * vc;
                acc[c] += x0 * f0 + x1 * f1 + x2 * f2 + x3 * f3;
            }
            acc[j] += h0;
            acc[j + 1] += h1;
            acc[j + 2] += h2;
            acc[j + 3] += h3;
        }
        for (; j < to; j++)
        {
            var row = a.AsSpan((s + j) * n + s + j, m - j);
            var f = v[j];
            var g = row[0] * f;
            if (j + 1 < m)
            {
                var tail = row[1..];
                g += RowDotProducts.Dot(tail, v[(j + 1)..]);
                RowDotProducts.Axpy(f, tail, acc[(j + 1)..]);
            }
            acc[j] += g;
        }
    }

    /// <summary>
    /// Implicit QL iterations with Wilkinson-type shifts on the tridiagonal (d, e[i] = T[i, i+1]); on exit d holds the
    /// eigenvalues (unordered).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DiagonalizeTridiagonal(double[] d, double[] e, int n)
    {
        e[n - 1] = 0.0;
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
