using System.Runtime.CompilerServices;

namespace QGan.MLNet.Transforms.Evaluation.Numerics;

/// <summary>
/// Rank-revealing Cholesky factorisation with symmetric (diagonal) pivoting of a symmetric positive
/// semi-definite matrix: <c>P^T A P = R^T R</c> with R upper trapezoidal, <c>rank x n</c> (LAPACK <c>dpstrf</c>).
/// </summary>
/// <remarks>
/// Each step takes the largest remaining diagonal entry of the Schur complement as pivot and stops when it is at or
/// below <c>n * eps * max_i A[i, i]</c> (the LAPACK default tolerance): what is left is round-off of a singular
/// covariance, so singular and semi-definite matrices need no special path, and the rank comes out directly.
/// Blocked like <c>dpstrf</c>: within a panel of <see cref="PanelRows"/> rows each new row of R is computed from the
/// panel rows (axpy), and the trailing matrix gets one symmetric rank-<see cref="PanelRows"/> update per panel
/// through <see cref="RowDotProducts"/> (BLAS-3). Row-major, upper triangle; the column swaps of rows finished in
/// earlier panels are applied once at the end instead of one strided column at a time.
/// </remarks>
internal sealed class PivotedCholesky
{
    private const int PanelRows = 64;

    private PivotedCholesky(double[] factor, int[] permutation, int rank, int n)
    {
        Factor = factor;
        Permutation = permutation;
        Rank = rank;
        Dimension = n;
    }

    /// <summary>R as <c>rank</c> rows of length n (row-major, zero left of the diagonal).</summary>
    public double[] Factor { get; }

    /// <summary><c>Permutation[i]</c> is the original index of pivoted position i.</summary>
    public int[] Permutation { get; }

    /// <summary>Numerical rank: the number of pivots above the tolerance.</summary>
    public int Rank { get; }

    public int Dimension { get; }

    /// <summary>Factors a symmetric positive semi-definite n x n row-major matrix (only the upper triangle is read).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static PivotedCholesky Compute(ReadOnlySpan<double> matrix, int n, int maxThreads = -1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (matrix.Length != (long)n * n)
        {
            throw new ArgumentException($"Expected a {n} x {n} matrix ({(long)n * n} values) but got {matrix.Length}.", nameof(matrix));
        }
        var a = matrix.ToArray();
        var perm = new int[n];
        var pivots = new int[n];
        for (var i = 0; i < n; i++)
        {
            perm[i] = i;
            var v = a[i * n + i];
            if (!double.IsFinite(v))
            {
                throw new ArgumentException($"Diagonal entry {i} is {v}; the factorisation needs finite values.", nameof(matrix));
            }
        }
        double largest = 0;
        for (var i = 0; i < n; i++)
        {
            largest = Math.Max(largest, a[i * n + i]);
        }
        var tolerance = n * Math.Pow(2, -52) * largest;
        var partial = new double[n]; // sum of squares of the panel's R entries in each column
        var rank = n;
        var panelBuffer = new double[Math.Max(0, n - PanelRows) * PanelRows];

        for (var j0 = 0; j0 < n && rank == n; j0 += PanelRows)
        {
            var j1 = Math.Min(n, j0 + PanelRows);
            Array.Clear(partial, j0, n - j0);
            for (var jj = j0; jj < j1; jj++)
            {
                if (jj > j0)
                {
                    var previous = a.AsSpan((jj - 1) * n, n);
                    for (var i = jj; i < n; i++)
                    {
                        partial[i] += previous[i] * previous[i];
                    }
                }
                var p = jj;
                var best = double.NegativeInfinity;
                for (var i = jj; i < n; i++)
                {
                    var di = a[i * n + i] - partial[i];
                    if (di > best)
                    {
                        best = di;
                        p = i;
                    }
                }
                if (!(best > tolerance))
                {
                    rank = jj;
                    break;
                }
                if (p != jj)
                {
                    SwapSymmetric(a, n, j0, jj, p);
                    (partial[jj], partial[p]) = (partial[p], partial[jj]);
                    (perm[jj], perm[p]) = (perm[p], perm[jj]);
                }
                pivots[jj] = p;
                var diagonal = Math.Sqrt(best);
                a[jj * n + jj] = diagonal;
                // Row jj of R: (A[jj, jj+1..] - sum over the panel rows k of R[k, jj] R[k, jj+1..]) / R[jj, jj].
                var row = a.AsSpan(jj * n + jj + 1, n - jj - 1);
                for (var k = j0; k < jj; k++)
                {
                    RowDotProducts.Axpy(-a[k * n + jj], a.AsSpan(k * n + jj + 1, n - jj - 1), row);
                }
                var inverse = 1.0 / diagonal;
                for (var t = 0; t < row.Length; t++)
                {
                    row[t] *= inverse;
                }
            }
            var done = Math.Min(rank, j1);
            if (rank == n && done < n)
            {
                // Trailing update A22 -= R12^T R12 (upper triangle), R12 = rows j0..done, columns done..n; the
                // kernel wants rows, so R12 is transposed into a contiguous (n - done) x panel buffer first.
                var width = done - j0;
                var rest = n - done;
                for (var k = 0; k < width; k++)
                {
                    var src = a.AsSpan((j0 + k) * n + done, rest);
                    for (var c = 0; c < rest; c++)
                    {
                        panelBuffer[c * width + k] = src[c];
                    }
                }
                var r12t = new DenseBlock(panelBuffer, 0, width);
                RowDotProducts.Compute(r12t, rest, r12t, rest, width, new DenseBlock(a, done * n + done, n),
                    accumulate: true, upperOnly: true, subtract: true, maxThreads: maxThreads);
            }
        }

        // Rows finished in earlier panels still have their columns in the order of that time: apply the later
        // swaps (each row only needs the swaps made after its own panel), then keep the first rank rows.
        var factor = new double[(long)rank * n];
        void FinishRow(int i)
        {
            var src = a.AsSpan(i * n, n);
            var dst = factor.AsSpan(i * n, n);
            var panelEnd = Math.Min(rank, (i / PanelRows + 1) * PanelRows);
            for (var jj = panelEnd; jj < rank; jj++)
            {
                var p = pivots[jj];
                (src[jj], src[p]) = (src[p], src[jj]);
            }
            src[i..].CopyTo(dst[i..]); // left of the diagonal stays zero
        }
        if (Parallelism.Threads(maxThreads) > 1 && rank >= 256)
        {
            Parallel.For(0, rank, new ParallelOptions { MaxDegreeOfParallelism = Parallelism.Threads(maxThreads) }, FinishRow);
        }
        else
        {
            for (var i = 0; i < rank; i++)
            {
                FinishRow(i);
            }
        }
        return new PivotedCholesky(factor, perm, rank, n);
    }

    /// <summary>
    /// Symmetric interchange of indices jj &lt; p in the active part (rows and columns from jj on, upper triangle), and
    /// of columns jj and p in the rows of the current panel that are already done (rows j0..jj-1).
    /// </summary>
    private static void SwapSymmetric(double[] a, int n, int j0, int jj, int p)
    {
        for (var k = j0; k < jj; k++)
        {
            (a[k * n + jj], a[k * n + p]) = (a[k * n + p], a[k * n + jj]);
        }
        a[p * n + p] = a[jj * n + jj];
        for (var c = p + 1; c < n; c++)
        {
            (a[jj * n + c], a[p * n + c]) = (a[p * n + c], a[jj * n + c]);
        }
        for (var i = jj + 1; i < p; i++)
        {
            (a[jj * n + i], a[i * n + p]) = (a[i * n + p], a[jj * n + i]);
        }
    }
}
