using QGan.MLNet.Core.Randomness;
namespace QGan.MLNet.Transforms.Evaluation;

/// <summary>FID-infinity and the FID_N points it was extrapolated from.</summary>
/// <param name="Value">The extrapolated FID at 1/N = 0 (the intercept).</param>
/// <param name="Slope">d FID_N / d(1/N): the finite-sample bias is about Slope / N.</param>
/// <param name="Points">(N, FID_N) of every subset size used, ascending in N.</param>
public sealed record FidInfinityResult(double Value, double Slope, IReadOnlyList<(int N, double Fid)> Points);

/// <summary>
/// FID-infinity (Chong &amp; Forsyth, "Effectively Unbiased FID and Inception Score and where to find them", CVPR 2020):
/// the FID of N generated samples is, to first order, linear in 1/N (FID_N = FID_inf + k / N), so FID_N is computed
/// for several N (random subsets of the generated pool) and extrapolated to 1/N = 0 by least squares. This removes the
/// generated side's finite-sample bias, so generators evaluated with different sample sizes become comparable; the
/// real statistics are used as given (their own bias remains; pass as many real samples as there are).
/// </summary>
public static class FidInfinity
{
    /// <summary>Default number of subset sizes (Chong &amp; Forsyth use 15).</summary>
    public const int DefaultPoints = 15;

    /// <param name="real">Moments of the real set.</param>
    /// <param name="generated">The generated pool; subsets of it give the FID_N.</param>
    /// <param name="points">Number of subset sizes, evenly spaced in N from <paramref name="minSamples"/> to the pool size.</param>
    /// <param name="minSamples">Smallest subset (default: a fifth of the pool, at least 2 d, as the 5,000-50,000 range of the paper).</param>
    /// <param name="seed">Seed of the subset draws (results are reproducible).</param>
    public static FidInfinityResult Estimate(GaussianMoments real, IReadOnlyList<float[]> generated, int points = DefaultPoints, int? minSamples = null, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(generated);
        int pool = generated.Count;
        int d = real.Dimension;
        int min = minSamples ?? Math.Max(2 * d, pool / 5);
        if (points < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, "FID-infinity needs at least 2 subset sizes");
        }
        if (min < 2 || min >= pool)
        {
            throw new ArgumentException($"FID-infinity needs a generated pool larger than its smallest subset ({min} samples); the pool has {pool}", nameof(generated));
        }
        var order = Enumerable.Range(0, pool).ToArray();
        var rng = new SeededRandom(seed);
        var result = new List<(int N, double Fid)>(points);
        for (int k = 0; k < points; k++)
        {
            int n = (int)Math.Round(min + (pool - min) * (double)k / (points - 1));
            // Partial Fisher-Yates: the first n entries are a uniform random subset.
            for (int i = 0; i < n; i++)
            {
                int j = i + rng.NextInt(pool - i);
                (order[i], order[j]) = (order[j], order[i]);
            }
            var subset = GaussianMoments.FromRows(order.Take(n).Select(i => generated[i]), "generated subset");
            result.Add((n, FrechetDistance.Compute(real, subset).Value));
        }
        // Least squares of FID_N on x = 1/N.
        double mx = result.Average(p => 1.0 / p.N), my = result.Average(p => p.Fid);
        double sxx = result.Sum(p => (1.0 / p.N - mx) * (1.0 / p.N - mx));
        double sxy = result.Sum(p => (1.0 / p.N - mx) * (p.Fid - my));
        double slope = sxx > 0 ? sxy / sxx : 0;
        return new FidInfinityResult(my - slope * mx, slope, result);
    }
}
