using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Experiments.Runs;

/// <summary>
/// The per-run numbers of <c>runs.csv</c>, computed from the run's metrics rows over the last K evaluations: mean FID,
/// relative spread, the window's least-squares trend and the residual noise about it (the inputs of the stability
/// criterion, docs/sweep.md "Stability"), the largest |Wasserstein estimate| and the mean JSD.
/// </summary>
public sealed record RunStatistics(
    double? Fid, double? FidSpread, double? MaxAbsWasserstein, double? Jsd, int Evaluations, double? FidTrend = null, double? FidResidualSd = null)
{
    /// <summary>Mean validation FID over the last K evaluations that have one (the same window as <see cref="Fid"/>).</summary>
    public double? ValidationFid { get; init; }

    public static RunStatistics From(IReadOnlyList<TrainingMetrics> metrics, int lastK)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentOutOfRangeException.ThrowIfLessThan(lastK, 1);
        var evaluated = metrics.Where(m => m.LatentFid is not null).ToList();
        var last = evaluated.Skip(Math.Max(0, evaluated.Count - lastK)).ToList();
        double? fid = null, spread = null, jsd = null;
        (double Change, double? ResidualSd)? trend = null;
        // A non-finite FID in the window (a broken generator) leaves the statistics empty: the run counts as unstable.
        if (last.Count > 0 && last.All(m => double.IsFinite(m.LatentFid!.Value)))
        {
            var fids = last.Select(m => m.LatentFid!.Value).ToList();
            fid = fids.Average();
            spread = fid > 0 ? (fids.Max() - fids.Min()) / fid : 0;
            trend = Trend(fids);
            var jsds = last.Where(m => m.LatentJsd is not null).Select(m => m.LatentJsd!.Value).ToList();
            jsd = jsds.Count > 0 ? jsds.Average() : null;
        }
        // The Wasserstein estimate over the same window: the last K metrics rows that carry one (iteration 0 has none).
        var withW = metrics.Where(m => m.WassersteinEstimate is not null).ToList();
        var lastW = withW.Skip(Math.Max(0, withW.Count - lastK)).ToList();
        double? maxW = lastW.Count > 0 && lastW.All(m => double.IsFinite(m.WassersteinEstimate!.Value))
            ? lastW.Max(m => Math.Abs(m.WassersteinEstimate!.Value)) : null;
        var validated = metrics.Where(m => m.ValidationFid is not null).ToList();
        var lastV = validated.Skip(Math.Max(0, validated.Count - lastK)).Select(m => m.ValidationFid!.Value).ToList();
        double? validation = lastV.Count > 0 && lastV.All(double.IsFinite) ? lastV.Average() : null;
        return new RunStatistics(fid, spread, maxW, jsd, evaluated.Count, trend?.Change, trend?.ResidualSd) { ValidationFid = validation };
    }

    /// <summary>
    /// Least squares of the FIDs against the evaluation number k = 0..K-1: the fitted change across the window,
    /// slope x (K - 1), and the residual standard deviation sqrt(RSS / (K - 2)) (null below 3 values). Null for one value.
    /// </summary>
    public static (double Change, double? ResidualSd)? Trend(IReadOnlyList<double> fids)
    {
        ArgumentNullException.ThrowIfNull(fids);
        int k = fids.Count;
        if (k < 2)
        {
            return null;
        }
        double xMean = (k - 1) / 2.0, yMean = fids.Average();
        double sxx = 0, sxy = 0;
        for (int i = 0; i < k; i++)
        {
            sxx += (i - xMean) * (i - xMean);
            sxy += (i - xMean) * (fids[i] - yMean);
        }
        double slope = sxy / sxx;
        if (k < 3)
        {
            return (slope * (k - 1), null);
        }
        double rss = 0;
        for (int i = 0; i < k; i++)
        {
            double r = fids[i] - yMean - slope * (i - xMean);
            rss += r * r;
        }
        return (slope * (k - 1), Math.Sqrt(rss / (k - 2)));
    }
}
