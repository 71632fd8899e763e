using QGan.MLNet.Transforms.Evaluation.Numerics;

namespace QGan.MLNet.Transforms.Evaluation;

/// <summary>
/// Fréchet distance between two Gaussians fitted to feature sets (the FID formula), in float64:
/// <c>|mu1 - mu2|^2 + tr S1 + tr S2 - 2 tr sqrt(S1 S2)</c>.
/// </summary>
/// <remarks>
/// <c>tr sqrt(S1 S2)</c> is taken through the symmetric route: with <c>S1 = V W V^T</c> and
/// <c>U = V W^(1/2)</c> (negative round-off eigenvalues clamped to 0, null directions dropped),
/// <c>S1^(1/2) S2 S1^(1/2) = V (U^T S2 U) V^T</c>, so <c>tr sqrt(S1 S2) = sum_i sqrt(lambda_i(U^T S2 U))</c>.
/// Every matrix involved is symmetric positive semi-definite, so no complex square roots or
/// non-symmetric eigenproblems appear, and singular covariances (fewer samples than dimensions) are exact.
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
        var traceSqrt = ScaledTraceSqrtProduct(a.CovarianceArray, b.CovarianceArray, d);
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

    /// <summary><c>tr sqrt(S1 S2)</c> for symmetric positive semi-definite S1, S2 (d x d, row-major).</summary>
    /// <summary>
    /// <see cref="TraceSqrtProduct"/> of covariances whose entries are far from 1 (beyond 2^+-256, e.g. features in the
    /// 1e100s), computed on both scaled by a power of two c: tr sqrt(cS1^(1/2) cS2 cS1^(1/2)) = c tr sqrt(...), and
    /// scaling by an even power of two is exact, so the eigen-solver never squares an entry past double range.
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

    internal static double TraceSqrtProduct(double[] s1, double[] s2, int d)
    {
        var eig = SymmetricEigenSolver.Decompose(s1, d);
        var vectors = eig.VectorRows;
        // Rows of U^T = sqrt(w_i) v_i for the eigenvalues that are positive after clamping.
        var rank = 0;
        var ut = new double[(long)d * d];
        var cutoff = RoundOffLevel(eig.Values, d);
        for (var i = 0; i < d; i++)
        {
            var w = eig.Values[i];
            if (w <= cutoff)
            {
                continue;
            }
            var sw = Math.Sqrt(w);
            var src = vectors.AsSpan(i * d, d);
            var dst = ut.AsSpan(rank * d, d);
            for (var k = 0; k < d; k++)
            {
                dst[k] = sw * src[k];
            }
            rank++;
        }
        if (rank == 0)
        {
            return 0.0;
        }
        // T^T = U^T S2 (rank x d), then M = U^T S2 U (rank x rank, symmetric).
        var tt = new double[(long)rank * d];
        RowDotProducts.Compute(ut, rank, s2, d, d, tt, d, accumulate: false, upperOnly: false);
        var m = new double[(long)rank * rank];
        RowDotProducts.Compute(ut, rank, tt, rank, d, m, rank, accumulate: false, upperOnly: true);
        RowDotProducts.MirrorUpper(m, rank);
        if (!m.All(double.IsFinite))
        {
            return double.PositiveInfinity; // the product of the covariances overflows; Compute reports it
        }
        var lambdas = SymmetricEigenSolver.Eigenvalues(m, rank);
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
    /// Eigenvalues at or below <c>d * eps * max |lambda|</c> are round-off of a backward-stable solver (the usual
    /// numerical-rank tolerance) and are treated as exact zeros: the square root would otherwise amplify a
    /// 1e-16 relative error into a 1e-8 one for every null direction of a singular covariance.
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
