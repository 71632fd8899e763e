namespace QGan.MLNet.Experiments.Analysis;

/// <summary>
/// Quantiles with linear interpolation between order statistics (Hyndman and Fan type 7, numpy's default). Values may
/// be infinite (a bootstrap replicate censored beyond a grid edge counts as -∞ or +∞): a quantile between a finite and an
/// infinite order statistic is that infinity, so an interval end reaching into censored replicates is unbounded.
/// </summary>
public static class Percentile
{
    public static double Of(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("no values");
        }
        double h = (sorted.Count - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        double fraction = h - lo;
        if (fraction == 0 || sorted[lo] == sorted[hi])
        {
            return sorted[lo];
        }
        if (double.IsInfinity(sorted[lo]) || double.IsInfinity(sorted[hi]))
        {
            // -∞ below a finite value stays -∞, a finite value below +∞ becomes +∞; between -∞ and +∞ the nearer tail wins.
            return double.IsNegativeInfinity(sorted[lo]) && double.IsPositiveInfinity(sorted[hi])
                ? (p < 0.5 ? double.NegativeInfinity : double.PositiveInfinity)
                : double.IsNegativeInfinity(sorted[lo]) ? double.NegativeInfinity : double.PositiveInfinity;
        }
        return sorted[lo] + fraction * (sorted[hi] - sorted[lo]);
    }

    /// <summary>The two-sided percentile interval at <paramref name="confidence"/>.</summary>
    public static double[] Interval(IEnumerable<double> values, double confidence)
    {
        var sorted = values.Order().ToArray();
        double tail = (1 - confidence) / 2;
        return [Of(sorted, tail), Of(sorted, 1 - tail)];
    }
}
