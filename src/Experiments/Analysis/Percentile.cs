namespace QGan.MLNet.Experiments.Analysis;

/// <summary>Quantiles with linear interpolation between order statistics (Hyndman and Fan type 7, numpy's default).</summary>
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
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>The two-sided percentile interval at <paramref name="confidence"/>.</summary>
    public static double[] Interval(IEnumerable<double> values, double confidence)
    {
        var sorted = values.Order().ToArray();
        double tail = (1 - confidence) / 2;
        return [Of(sorted, tail), Of(sorted, 1 - tail)];
    }
}
