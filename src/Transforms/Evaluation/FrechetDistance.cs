using QGan.MLNet.Transforms.Evaluation.Numerics;

namespace QGan.MLNet.Transforms.Evaluation;

/// <summary>
/// Fréchet distance between two Gaussians fitted to feature sets (the FID formula), in float64:
/// <c>|mu1 - mu2|^2 + tr S1 + tr S2 - 2 tr sqrt(S1 S2)</c>.
/// </summary>
/// <remarks>
/// <c>tr sqrt(S1 S2)</c> needs only the eigenvalues of S1 S2. With a rank-revealing pivoted Cholesky factor
/// <c>P^T S1 P = R^T R</c> (R is rank x d), the non-zero eigenvalues of S1 S2 are those of the symmetric positive
/// semi-definite <c>M = R (P^T S2 P) R^T</c>, so <c>tr sqrt(S1 S2) = sum_i sqrt(lambda_i(M))</c> with no
/// eigenvectors, no complex square roots and no non-symmetric eigenproblem. The pivoting stops at the round-off
/// level, so singular covariances (fewer samples than dimensions, constant features) drop their null directions
/// exactly; the set with fewer samples is the one factored, which keeps M as small as its rank.
/// Threads: all cores (<see cref="Environment.ProcessorCount"/>, settable with <c>DOTNET_PROCESSOR_COUNT</c>).
/// </remarks>
public static class FrechetDistance
{
    /// <summary>FID between two sets of moments.</summary>
    public static FrechetDistanceResult Compute(GaussianMoments a, GaussianMoments b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Dimension != b.Dimension)
        {
            throw new ArgumentException(
                $"Feature dimensions differ: {a.SetName} has {a.Dimension}, {b.SetName} has {b.Dimension}.");
        }
        var d = a.Dimension;
        double meanTerm = 0;
        for (var i = 0; i < d; i++)
        {
            var diff = a.Mean[i] - b.Mean[i];
            meanTerm += diff * diff;
        }
        double traceA = 0, traceB = 0;
        for (var i = 0; i < d; i++)
        {
            traceA += a.Covariance[i * d + i];
            traceB += b.Covariance[i * d + i];
        }
        // tr sqrt(S1 S2) = tr sqrt(S2 S1): factor the covariance of lower rank (fewer samples).
        var traceSqrt = b.Count < a.Count
            ? ScaledTraceSqrtProduct(b.CovarianceArray, a.CovarianceArray, d)
            : ScaledTraceSqrtProduct(a.CovarianceArray, b.CovarianceArray, d);
        var fid = meanTerm + traceA + traceB - 2 * traceSqrt;
        if (!double.IsFinite(fid))
        {
            throw new InvalidDataException(
                $"{a.SetName}, {b.SetName}: the Fréchet distance overflows double precision (trace of the covariances {traceA:G3} and {traceB:G3}); rescale the features.");
        }
        return new FrechetDistanceResult(fid, meanTerm, traceA, traceB, traceSqrt, d, a.Count, b.Count);
    }

    /// <summary>FID between two sets of feature rows (float64).</summary>
    public static double Compute(IEnumerable<double[]> a, IEnumerable<double[]> b) =>
        Compute(GaussianMoments.FromRows(a, "a"), GaussianMoments.FromRows(b, "b")).Value;

    /// <summary>FID between two sets of feature rows (float32 features, float64 arithmetic).</summary>
    public static double Compute(IEnumerable<float[]> a, IEnumerable<float[]> b) =>
        Compute(GaussianMoments.FromRows(a, "a"), GaussianMoments.FromRows(b, "b")).Value;

    /// <summary>
    /// <see cref="TraceSqrtProduct"/> of covariances whose entries are far from 1 (beyond 2^+-256, e.g. features in the
    /// 1e100s), computed on both scaled by a power of two c: tr sqrt(cS1^(1/2) cS2 cS1^(1/2)) = c tr sqrt(...), and
    /// scaling by an even power of two is exact, so no product inside it leaves double range.
    /// </summary>
    private static double ScaledTraceSqrtProduct(double[] s1, double[] s2, int d)
    {
        double largest = 0;
        foreach (var v in s1)
        {
            largest = Math.Max(largest, Math.Abs(v));
        }
        foreach (var v in s2)
        {
            largest = Math.Max(largest, Math.Abs(v));
        }
        var exponent = largest == 0 ? 0 : Math.ILogB(largest) & ~1;
        if (Math.Abs(exponent) <= 256)
        {
            return TraceSqrtProduct(s1, s2, d);
        }
        var down = Math.ScaleB(1.0, -exponent);
        return Math.ScaleB(TraceSqrtProduct(s1.Select(v => v * down).ToArray(), s2.Select(v => v * down).ToArray(), d), exponent);
    }

    /// <summary>
    /// <c>tr sqrt(S1 S2)</c> for symmetric positive semi-definite S1, S2 (d x d, row-major): S1 is factored as
    /// <c>P^T S1 P = R^T R</c> (rank-revealing pivoted Cholesky), and the eigenvalues of S1 S2 that are not zero are
    /// those of the symmetric <c>M = R (P^T S2 P) R^T</c> (rank x rank), which needs eigenvalues only.
    /// </summary>
    internal static double TraceSqrtProduct(double[] s1, double[] s2, int d, int maxThreads = -1)
    {
        var cholesky = PivotedCholesky.Compute(s1, d, maxThreads);
        var rank = cholesky.Rank;
        if (rank == 0)
        {
            return 0.0;
        }
        var r = new DenseBlock(cholesky.Factor, 0, d);
        // S2 in the pivoted order: S2'[i, j] = S2[perm i, perm j].
        var perm = cholesky.Permutation;
        var s2p = new double[(long)d * d];
        for (var i = 0; i < d; i++)
        {
            var src = s2.AsSpan(perm[i] * d, d);
            var dst = s2p.AsSpan(i * d, d);
            for (var j = 0; j < d; j++)
            {
                dst[j] = src[perm[j]];
            }
        }
        // T = R S2' (rank x d; row i of R is zero left of i), then M = T R^T (upper triangle, mirrored).
        var t = new double[(long)rank * d];
        RowDotProducts.Compute(r, rank, new DenseBlock(s2p, 0, d), d, d, new DenseBlock(t, 0, d),
            accumulate: false, upperOnly: false, zeros: LeadingZeros.PRows, maxThreads: maxThreads);
        var m = new double[(long)rank * rank];
        RowDotProducts.Compute(new DenseBlock(t, 0, d), rank, r, rank, d, new DenseBlock(m, 0, rank),
            accumulate: false, upperOnly: true, zeros: LeadingZeros.QRows, maxThreads: maxThreads);
        RowDotProducts.MirrorUpper(m, rank);
        if (!m.All(double.IsFinite))
        {
            return double.PositiveInfinity; // the product of the covariances overflows; Compute reports it
        }
        var lambdas = SymmetricEigenvalues.Compute(m, rank, maxThreads);
        var lambdaCutoff = RoundOffLevel(lambdas, rank);
        double sum = 0;
        foreach (var l in lambdas)
        {
            if (l > lambdaCutoff)
            {
                sum += Math.Sqrt(l);
            }
        }
        return sum;
    }

    /// <summary>
    /// Eigenvalues of M at or below <c>rank * eps * max |lambda|</c> are round-off of a backward-stable solver (the
    /// usual numerical-rank tolerance) and are treated as exact zeros: the square root would otherwise amplify a
    /// 1e-16 relative error into a 1e-8 one for every null direction of S2 inside the range of S1.
    /// </summary>
    private static double RoundOffLevel(double[] ascending, int d)
    {
        var largest = ascending.Length == 0 ? 0.0 : Math.Max(Math.Abs(ascending[0]), Math.Abs(ascending[^1]));
        return d * Math.Pow(2, -52) * largest;
    }
}

/// <summary>The Fréchet distance and its terms.</summary>
public sealed record FrechetDistanceResult(
    double Value,
    double MeanTerm,
    double TraceA,
    double TraceB,
    double TraceSqrtProduct,
    int Dimension,
    long CountA,
    long CountB);
