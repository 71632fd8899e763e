using QGan.MLNet.Experiments.Analysis;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Runs;
using QGan.MLNet.Experiments.Tests;

namespace QGan.MLNet.Experiments.Tests.Analysis;

/// <summary>The derived numbers of a sweep, recomputed from the hand-made runs.csv of <see cref="HandMadeSweep"/>.</summary>
public sealed class SweepAnalysisTests
{
    private static readonly SweepAnalysisSettings Settings = new()
    {
        LastK = 3,
        MaxFidSpread = 0.25,
        MaxAbsWasserstein = 100,
        MinStableFraction = 0.5,
        Bootstrap = new SweepBootstrapSettings { Samples = 200, Seed = 11, Confidence = 0.9 },
    };

    private static List<SweepRunRow> Rows()
    {
        using var dir = new TempDirectory();
        return RunsCsv.Read(HandMadeSweep.Write(dir.Path));
    }

    [Fact]
    public void Stability_follows_the_thresholds_row_by_row()
    {
        var rows = Rows();
        Assert.Equal(36, rows.Count);
        var unstable = rows.Where(r => !SweepAnalysis.IsStable(r, Settings)).Select(r => r.Index).ToArray();
        // Row 2: spread 0.5 > 0.25; row 6: diverged; row 7: |W| 150 > 100; rows 34, 35: 2 evaluations < lastK 3.
        Assert.Equal([2, 6, 7, 34, 35], unstable);
    }

    [Fact]
    public void Optimal_critic_is_the_eligible_cell_with_the_lowest_mean_stable_fid()
    {
        var (generators, _) = SweepAnalysis.Derive(Rows(), Settings);
        Assert.Equal(
            ["quantum L=1", "quantum L=2", "quantum L=3", "quantum L=4", "classical w=4", "classical w=8", "classical w=16", "classical w=32", "classical w=64"],
            generators.Select(g => g.Label));

        // L=1: critic 8 cell = (10 + 12) / 2 = 11; critic 16 keeps seed 2 only (seed 1 unstable): 1/2 stable >= 0.5,
        // eligible with FID 9 -> optimal critic 16 (417 parameters), best FID 9.
        var l1 = generators[0];
        Assert.Equal(144, l1.Parameters);
        Assert.Equal(11, l1.Cells[0].Fid);
        Assert.Equal((16, 417L, 9.0), (l1.OptimalCritic!.CriticWidth, l1.OptimalCritic.CriticParameters, l1.OptimalCritic.Fid));
        Assert.Equal(1, l1.Cells[1].StableSeeds);

        // L=2: critic 16 has no stable seed (diverged, |W| 150) -> not eligible although its FID 5 is lower; critic 8 = 7.
        var l2 = generators[1];
        Assert.False(l2.Cells[1].Eligible);
        Assert.Null(l2.Cells[1].Fid);
        Assert.Equal((8, 7.0), (l2.OptimalCritic!.CriticWidth, l2.BestFid!.Value));

        // L=3: critic 8 = 6, critic 16 = (4 + 5) / 2 = 4.5 -> critic 16. L=4: critic 8 = 2.5 < critic 16 = 2.8.
        Assert.Equal((16, 4.5), (generators[2].OptimalCritic!.CriticWidth, generators[2].BestFid!.Value));
        Assert.Equal((8, 2.5), (generators[3].OptimalCritic!.CriticWidth, generators[3].BestFid!.Value));

        // Classical best stable FIDs: w4 min(13, 12) = 12 (c16); w8 min(9, 10) = 9 (c8); w16 min(7, 6) = 6 (c16);
        // w32 min(5, 4) = 4 (c16); w64: critic 16 has too few evaluations -> only critic 8 = 3.
        Assert.Equal([12.0, 9, 6, 4, 3], generators.Skip(4).Select(g => g.BestFid!.Value));
        Assert.Equal([16, 8, 16, 16, 8], generators.Skip(4).Select(g => g.OptimalCritic!.CriticWidth));
    }

    [Fact]
    public void Matching_capacity_interpolates_log_linearly_between_classical_grid_points()
    {
        var (_, matching) = SweepAnalysis.Derive(Rows(), Settings);
        Assert.Equal(4, matching.Count);

        // L=1, Fq = 9: the first classical FID <= 9 is w8 (9, 320 params); from w4 (12, 172):
        // t = (12 - 9) / (12 - 9) = 1 -> needed = 320 exactly; ratio 320 / 144 = 2.2222222222.
        Assert.Equal("matched", matching[0].Status);
        Assert.Equal(320, matching[0].ClassicalParameters!.Value, 9);
        Assert.Equal(2.2222222222, matching[0].Ratio!.Value, 9);
        Assert.Equal([172L, 320], matching[0].Bracket!);

        // L=2, Fq = 7: between w8 (9, 320) and w16 (6, 616): t = (9 - 7) / (9 - 6) = 2/3,
        // ln P = ln 320 + 2/3 (ln 616 - ln 320) = 5.7683209958 + 2/3 * 0.6549261 = 6.2049383076 -> P = 495.1884056467.
        Assert.Equal("matched", matching[1].Status);
        Assert.Equal(495.1884056467, matching[1].ClassicalParameters!.Value, 6);
        Assert.Equal(495.1884056467 / 264, matching[1].Ratio!.Value, 9);

        // L=3, Fq = 4.5: between w16 (6, 616) and w32 (4, 1208): t = 1.5 / 2 = 0.75,
        // ln P = ln 616 + 0.75 (ln 1208 - ln 616) = 6.9283527748 -> P = 1020.8110881572.
        Assert.Equal(1020.8110881572, matching[2].ClassicalParameters!.Value, 6);

        // L=4, Fq = 2.5: no classical best FID <= 2.5 (the smallest is 3) -> not reached (lower bound 2392).
        Assert.Equal("not-reached", matching[3].Status);
        Assert.Null(matching[3].ClassicalParameters);
        Assert.Equal([2392L], matching[3].Bracket!);
    }

    [Fact]
    public void Both_laws_are_fitted_by_least_squares_over_the_matched_points()
    {
        var summary = SweepAnalysis.Summarize(Rows(), Settings, totalRuns: 36);
        // x = Q = (144, 264, 384), y = ln P = (5.7683209958, 6.2049383076, 6.9283527748).
        // Exponential: mean x 264, Sxx = 2 * 120^2 = 28800, Sxy = 120 * (6.9283527748 - 5.7683209958) = 139.203814,
        // b = Sxy / Sxx = 0.0048334657, a = mean y - b * 264 = 6.3005373594 - 1.2760349 = 5.0245024025;
        // RSS = 0.0137087680, TSS = 0.686411, R^2 = 0.9800322551, AIC = 3 ln(RSS / 3) + 6 = -10.1649958079.
        var exp = summary.Fits.Exponential!;
        Assert.Equal(3, exp.N);
        Assert.Equal(5.0245024025, exp.A, 8);
        Assert.Equal(0.0048334657, exp.B, 9);
        Assert.Equal(0.9800322551, exp.R2!.Value, 8);
        Assert.Equal(-10.1649958079, exp.Aic!.Value, 7);
        // Power: x = ln Q = (4.9698133, 5.5759491, 5.9506426); b = 1.1385741667, a = 0.0397438510, RSS = 0.0514105729,
        // R^2 = 0.9251170345, AIC = -6.1995711552.
        var pow = summary.Fits.Power!;
        Assert.Equal(0.0397438510, pow.A, 8);
        Assert.Equal(1.1385741667, pow.B, 8);
        Assert.Equal(0.9251170345, pow.R2!.Value, 8);
        Assert.Equal(-6.1995711552, pow.Aic!.Value, 7);
        // AIC difference 3.97 > 2: the exponential law is preferred.
        Assert.Equal(SweepAnalysis.Exponential, summary.Fits.Preferred);
        Assert.False(exp.TooFewPoints);

        // Band: the fitted curve at the matched quantum capacities is exp(a + b Q).
        Assert.Equal(144, exp.Band[0].Q);
        Assert.Equal(Math.Exp(5.0245024025 + 0.0048334657 * 144), exp.Band[0].Fit, 4);
        Assert.Equal(384, exp.Band[^1].Q);
    }

    [Fact]
    public void Summary_json_round_trips()
    {
        var json = SweepAnalysis.Summarize(Rows(), Settings, 36).ToJson();
        Assert.Equal(json, SweepSummary.FromJson(json, "summary.json").ToJson());
        Assert.Contains("\"preferred\": \"exponential\"", json);
        Assert.Throws<InvalidDataException>(() => SweepSummary.FromJson("{\"format\": \"other\"}", "summary.json"));
    }

    [Fact]
    public void Counts_and_critic_scaling_are_reported_and_a_missing_run_marks_the_summary_partial()
    {
        var full = SweepAnalysis.Summarize(Rows(), Settings, totalRuns: 36);
        Assert.False(full.Partial);
        Assert.Equal(new SweepCounts(36, 36, 35, 1, 31, 0), full.Counts);
        Assert.Equal(9, full.CriticScaling.Count);
        Assert.Equal(417, full.CriticScaling[0].OptimalCriticParameters);

        var partial = SweepAnalysis.Summarize(Rows(), Settings, totalRuns: 40);
        Assert.True(partial.Partial);
        Assert.Equal(4, partial.Counts.Missing);
    }

    [Fact]
    public void Bootstrap_is_reproducible_for_a_seed_and_brackets_its_replicates()
    {
        var rows = Rows();
        var a = SweepAnalysis.Summarize(rows, Settings, 36).Fits.Exponential!;
        var b = SweepAnalysis.Summarize(rows, Settings, 36).Fits.Exponential!;
        var other = SweepAnalysis.Summarize(rows, Settings with { Bootstrap = Settings.Bootstrap with { Seed = 12 } }, 36).Fits.Exponential!;
        Assert.Equal(a.Ci!.B, b.Ci!.B);
        Assert.NotEqual(a.Ci.B, other.Ci!.B);
        Assert.Equal(200, a.BootstrapUsed + a.BootstrapSkipped);
        Assert.True(a.Ci.B[0] <= a.Ci.B[1]);
        Assert.All(a.Band, p => Assert.True(p.Lower <= p.Upper));
    }

    [Fact]
    public void Bootstrap_interval_collapses_to_the_estimate_when_seeds_agree()
    {
        // Every cell's seeds carry the same numbers: each resample reproduces the data, so every replicate
        // equals the point estimate and the percentile interval is [a, a], [b, b].
        var rows = Rows()
            .Where(r => r.Seed == 1)
            .SelectMany(r => new[] { r, r with { Index = r.Index + 1000, Seed = 2 } })
            .ToList();
        var fit = SweepAnalysis.Summarize(rows, Settings, rows.Count).Fits.Exponential!;
        Assert.Equal(fit.A, fit.Ci!.A[0], 10);
        Assert.Equal(fit.A, fit.Ci.A[1], 10);
        Assert.Equal(fit.B, fit.Ci.B[0], 12);
        Assert.Equal(fit.B, fit.Ci.B[1], 12);
    }

    [Fact]
    public void Smallest_classical_point_already_matching_is_reported_as_an_upper_bound()
    {
        var classical = new[]
        {
            new GeneratorCapacityResult("classical", "classical w=4", null, 4, 172, [], null, 5.0),
            new GeneratorCapacityResult("classical", "classical w=8", null, 8, 320, [], null, 3.0),
        };
        var quantum = new GeneratorCapacityResult("quantum", "quantum L=1", 1, null, 144, [], null, 6.0);
        var match = SweepAnalysis.Match(quantum, classical);
        Assert.Equal("at-or-below-grid", match.Status);
        Assert.Equal(172, match.ClassicalParameters);

        var none = SweepAnalysis.Match(quantum with { BestFid = null }, classical);
        Assert.Equal("no-stable-run", none.Status);
    }

    [Fact]
    public void Too_few_matched_points_claim_no_preferred_law()
    {
        // Keep only L=1 and L=2 matched: a line through 2 points fits exactly.
        var rows = Rows().Where(r => !(r.IsQuantum && r.Layers >= 3)).ToList();
        var fits = SweepAnalysis.Summarize(rows, Settings with { Bootstrap = new SweepBootstrapSettings { Samples = 0 } }, rows.Count).Fits;
        Assert.True(fits.Exponential!.TooFewPoints);
        Assert.Null(fits.Preferred);
        Assert.Contains("cannot tell", fits.Verdict);
        Assert.Null(fits.Exponential.Ci);
        // ln(495.1884056467 / 320) / (264 - 144) = 0.4366173118 / 120 = 0.0036384776.
        Assert.Equal(0.0036384776, fits.Exponential.B, 9);
    }
}
