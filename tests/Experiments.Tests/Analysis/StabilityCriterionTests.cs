using QGan.MLNet.Experiments.Analysis;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Experiments.Tests.Analysis;

/// <summary>The scale-free stability criterion on constructed last-K FID trajectories (K = 5).</summary>
public sealed class StabilityCriterionTests
{
    private static readonly SweepAnalysisSettings Settings = new() { LastK = 5, MaxFidSpread = 0.25, MaxAbsWasserstein = 100 };

    // Fixed ±2 % jitter patterns (deterministic "noise"), one per seed.
    private static readonly double[][] Jitter =
    [
        [0.01, -0.02, 0.015, -0.005, 0.0],
        [-0.015, 0.01, 0.0, 0.02, -0.01],
        [0.005, 0.0, -0.02, 0.01, 0.015],
    ];

    /// <summary>A completed run whose last 5 FIDs are <paramref name="fids"/>, with the runs.csv statistics RunStatistics computes.</summary>
    internal static SweepRunRow Run(int index, int criticWidth, long seed, IReadOnlyList<double> fids)
    {
        var (change, residual) = RunStatistics.Trend(fids)!.Value;
        double mean = fids.Average();
        return new SweepRunRow
        {
            Index = index, GeneratorKind = SweepRunStatus.Classical, GeneratorWidth = 8, GeneratorDepth = 1, CriticWidth = criticWidth, CriticDepth = 1,
            Seed = seed, GeneratorParams = 320, CriticParams = 417, Status = SweepRunStatus.Completed, Iterations = 100, Evaluations = 10,
            Fid = mean, FidSpread = (fids.Max() - fids.Min()) / mean, MaxAbsWasserstein = 1, FidTrend = change, FidResidualSd = residual,
        };
    }

    private static double[] Flat(double level, int seed) => [.. Jitter[seed].Select(j => level * (1 + j))];

    [Fact]
    public void Flat_runs_at_fid_0_3_and_at_fid_30_with_the_same_relative_noise_are_judged_alike()
    {
        // Cell A at FID 0.3 and cell B at FID 30: the same trajectories scaled by 100, including a drifting third seed.
        var drift = new[] { 1.12, 1.06, 1.0, 0.94, 0.88 };
        var rows = new List<SweepRunRow>();
        foreach (var (critic, level, first) in new[] { (16, 0.3, 0), (32, 30.0, 10) })
        {
            rows.Add(Run(first, critic, 1, Flat(level, 0)));
            rows.Add(Run(first + 1, critic, 2, Flat(level * 1.01, 1)));
            rows.Add(Run(first + 2, critic, 3, [.. drift.Select((d, k) => level * d * (1 + Jitter[2][k]))]));
        }
        var judged = StabilityCriterion.Judge(rows, Settings);
        for (int i = 0; i < 3; i++)
        {
            var low = judged[i];
            var high = judged[10 + i];
            Assert.Equal(low.Stable, high.Stable);
            Assert.Equal(low.TrendScore!.Value, high.TrendScore!.Value, 9);
            Assert.Equal(low.NoiseScore!.Value, high.NoiseScore!.Value, 9);
        }
        Assert.True(judged[0].Stable && judged[1].Stable);
        Assert.False(judged[2].Stable);
        Assert.StartsWith("drifting", judged[2].Reason);
    }

    [Fact]
    public void A_drifting_or_oscillating_run_is_not_stable_among_flat_siblings()
    {
        // Four seeds of one cell at FID 5 with ±2 % jitter; the fourth drifts down 24 % across the window (a run that
        // has not converged), or oscillates ±15 % around the level.
        var flat = new[] { Run(0, 16, 1, Flat(5, 0)), Run(1, 16, 2, Flat(5.05, 1)), Run(2, 16, 3, Flat(4.95, 2)) };
        var drifting = Run(3, 16, 4, [5.6, 5.3, 5.0, 4.7, 4.4]);
        var oscillating = Run(3, 16, 4, [5.75, 4.25, 5.75, 4.25, 5.0]);

        var withDrift = StabilityCriterion.Judge([.. flat, drifting], Settings);
        Assert.All(flat, r => Assert.True(withDrift[r.Index].Stable, withDrift[r.Index].Reason));
        Assert.False(withDrift[3].Stable);
        Assert.StartsWith("drifting", withDrift[3].Reason);

        var withOscillation = StabilityCriterion.Judge([.. flat, oscillating], Settings);
        Assert.All(flat, r => Assert.True(withOscillation[r.Index].Stable, withOscillation[r.Index].Reason));
        Assert.False(withOscillation[3].Stable);
        Assert.StartsWith("oscillating", withOscillation[3].Reason);
        // The old relative-spread rule (0.25) passed the drifting run (spread 1.2 / 5 = 0.24).
        Assert.True(drifting.FidSpread <= Settings.MaxFidSpread);
    }

    [Fact]
    public void The_yardstick_is_the_cells_seed_noise_not_the_fid_scale()
    {
        // A run whose window moves from 5.3 to 4.7 (with the usual jitter). Among siblings that settle at visibly
        // different levels (4 and 6) that movement is within the seed-to-seed noise: stable (0.3 standard errors).
        double[] moving = [.. new[] { 5.3, 5.15, 5.0, 4.85, 4.7 }.Select((l, k) => l * (1 + Jitter[2][k]))];
        var spread = new[] { Run(0, 16, 1, Flat(4, 0)), Run(1, 16, 2, Flat(6, 1)), Run(2, 16, 3, moving) };
        var judged = StabilityCriterion.Judge(spread, Settings);
        Assert.True(judged[2].Stable, judged[2].Reason);
        Assert.True(judged[2].TrendScore < 1);

        // The same movement among siblings that agree to 0.4 % is a real trend (5.3 standard errors): not stable.
        var tight = new[] { Run(0, 16, 1, Flat(5, 0)), Run(1, 16, 2, Flat(5.02, 1)), Run(2, 16, 3, moving) };
        var tightJudged = StabilityCriterion.Judge(tight, Settings);
        Assert.False(tightJudged[2].Stable);
        Assert.True(tightJudged[0].Stable && tightJudged[1].Stable);

        // Low FID with large relative jitter (about ±12 %) in every seed: relative spreads 0.27-0.30 fail the old 0.25
        // rule, but the runs are as settled as their cell allows.
        double[][] noisy = [[0.30, 0.35, 0.26, 0.31, 0.29], [0.31, 0.26, 0.34, 0.30, 0.28], [0.28, 0.33, 0.30, 0.25, 0.33]];
        var low = noisy.Select((f, i) => Run(i, 16, i + 1, f)).ToList();
        var lowJudged = StabilityCriterion.Judge(low, Settings);
        Assert.All(low, r => Assert.True(lowJudged[r.Index].Stable, lowJudged[r.Index].Reason));
        Assert.All(low, r => Assert.True(r.FidSpread > Settings.MaxFidSpread));
    }

    [Fact]
    public void Failures_and_missing_trajectories_follow_the_documented_rules()
    {
        var ok = Run(0, 16, 1, Flat(5, 0));
        var diverged = ok with { Index = 1, Status = SweepRunStatus.Diverged };
        var shortRun = ok with { Index = 2, Evaluations = 3 };
        var exploded = ok with { Index = 3, MaxAbsWasserstein = 150 };
        // Another tool's runs.csv without fid_trend / fid_residual_sd: the relative spread rule decides.
        var legacyWide = ok with { Index = 4, FidTrend = null, FidResidualSd = null, FidSpread = 0.3 };
        var legacyNarrow = ok with { Index = 5, FidTrend = null, FidResidualSd = null, FidSpread = 0.1 };
        var judged = StabilityCriterion.Judge([ok, diverged, shortRun, exploded, legacyWide, legacyNarrow], Settings);
        Assert.True(judged[0].Stable);
        Assert.Equal("diverged", judged[1].Reason);
        Assert.Equal("3 evaluations < lastK 5", judged[2].Reason);
        Assert.StartsWith("|Wasserstein estimate| 150", judged[3].Reason);
        Assert.False(judged[4].Stable);
        Assert.True(judged[5].Stable);
    }

    [Fact]
    public void Trend_standard_error_is_that_of_a_least_squares_change_over_white_noise()
    {
        // K = 5: slope SE = 1 / sqrt(Σ (k - 2)²) = 1 / sqrt(10); change = 4 x slope -> 4 / sqrt(10).
        Assert.Equal(4 / Math.Sqrt(10), StabilityCriterion.TrendStandardError(5), 12);
        // Trend of 1, 2, 3 (exact line): change 2, residual 0; of 1, 3, 2: slope 0.5 -> change 1, residuals -0.5, 1, -0.5 -> SD sqrt(1.5).
        Assert.Equal((2.0, (double?)0), RunStatistics.Trend([1.0, 2, 3]));
        var (change, residual) = RunStatistics.Trend([1.0, 3, 2])!.Value;
        Assert.Equal(1, change, 12);
        Assert.Equal(Math.Sqrt(1.5), residual!.Value, 12);
    }
}
