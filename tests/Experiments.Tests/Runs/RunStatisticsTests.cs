using QGan.MLNet.Experiments.Analysis;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Runs;
using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Experiments.Tests.Runs;

public sealed class RunStatisticsTests
{
    [Fact]
    public void Last_k_evaluations_give_mean_fid_relative_spread_and_max_wasserstein()
    {
        var metrics = new List<TrainingMetrics>
        {
            new() { Iteration = 0, LatentFid = 50, LatentJsd = 0.9 },
            new() { Iteration = 1, WassersteinEstimate = -400, LatentFid = 20, LatentJsd = 0.5 },
            new() { Iteration = 10, WassersteinEstimate = 3, LatentFid = 4, LatentJsd = 0.3 },
            new() { Iteration = 20, WassersteinEstimate = -5, LatentFid = 6, LatentJsd = 0.2 },
            new() { Iteration = 30, WassersteinEstimate = 2, LatentFid = 5, LatentJsd = 0.1 },
        };
        var stats = RunStatistics.From(metrics, 3);
        // Last 3 FIDs 4, 6, 5: mean 5, spread (6 - 4) / 5 = 0.4; |W| over the last 3 rows with W: max(3, 5, 2) = 5.
        Assert.Equal(5, stats.Fid!.Value, 12);
        Assert.Equal(0.4, stats.FidSpread!.Value, 12);
        Assert.Equal(5, stats.MaxAbsWasserstein!.Value, 12);
        Assert.Equal(0.2, stats.Jsd!.Value, 12);
        Assert.Equal(5, stats.Evaluations);

        // K larger than the run: everything available is used (the W of iteration 1 now counts).
        Assert.Equal(400, RunStatistics.From(metrics, 10).MaxAbsWasserstein);
        Assert.Null(RunStatistics.From([], 3).Fid);
    }

    [Fact]
    public void Non_finite_values_in_the_window_leave_the_statistics_empty_so_the_run_is_unstable()
    {
        var metrics = new List<TrainingMetrics>
        {
            new() { Iteration = 10, WassersteinEstimate = 1, LatentFid = 4 },
            new() { Iteration = 20, WassersteinEstimate = double.NaN, LatentFid = double.NaN },
            new() { Iteration = 30, WassersteinEstimate = 2, LatentFid = 5 },
        };
        var stats = RunStatistics.From(metrics, 2);
        Assert.Null(stats.Fid);
        Assert.Null(stats.FidSpread);
        Assert.Null(stats.MaxAbsWasserstein);
        Assert.Equal(3, stats.Evaluations);
        var row = new SweepRunRow { GeneratorKind = SweepRunStatus.Classical, GeneratorWidth = 4, Status = SweepRunStatus.Completed, Evaluations = 3, Fid = stats.Fid, FidSpread = stats.FidSpread, MaxAbsWasserstein = stats.MaxAbsWasserstein };
        Assert.False(SweepAnalysis.Stability([row], new SweepAnalysisSettings { LastK = 2 })[row.Index].Stable);
        // Once the window has moved past the bad evaluation the statistics are back.
        Assert.Equal(5, RunStatistics.From([.. metrics, new() { Iteration = 40, WassersteinEstimate = 1, LatentFid = 5 }], 2).Fid);
    }
}
