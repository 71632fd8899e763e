using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Experiments.Runs;

/// <summary>The per-run numbers of <c>runs.csv</c>, computed from the run's metrics rows over the last K evaluations.</summary>
public sealed record RunStatistics(double? Fid, double? FidSpread, double? MaxAbsWasserstein, double? Jsd, int Evaluations)
{
    public static RunStatistics From(IReadOnlyList<TrainingMetrics> metrics, int lastK)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentOutOfRangeException.ThrowIfLessThan(lastK, 1);
        var evaluated = metrics.Where(m => m.LatentFid is not null).ToList();
        var last = evaluated.Skip(Math.Max(0, evaluated.Count - lastK)).ToList();
        double? fid = null, spread = null, jsd = null;
        // A non-finite FID in the window (a broken generator) leaves the statistics empty: the run counts as unstable.
        if (last.Count > 0 && last.All(m => double.IsFinite(m.LatentFid!.Value)))
        {
            var fids = last.Select(m => m.LatentFid!.Value).ToList();
            fid = fids.Average();
            spread = fid > 0 ? (fids.Max() - fids.Min()) / fid : 0;
            var jsds = last.Where(m => m.LatentJsd is not null).Select(m => m.LatentJsd!.Value).ToList();
            jsd = jsds.Count > 0 ? jsds.Average() : null;
        }
        // The Wasserstein estimate over the same window: the last K metrics rows that carry one (iteration 0 has none).
        var withW = metrics.Where(m => m.WassersteinEstimate is not null).ToList();
        var lastW = withW.Skip(Math.Max(0, withW.Count - lastK)).ToList();
        double? maxW = lastW.Count > 0 && lastW.All(m => double.IsFinite(m.WassersteinEstimate!.Value))
            ? lastW.Max(m => Math.Abs(m.WassersteinEstimate!.Value)) : null;
        return new RunStatistics(fid, spread, maxW, jsd, evaluated.Count);
    }
}
