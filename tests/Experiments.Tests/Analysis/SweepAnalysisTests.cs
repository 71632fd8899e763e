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

    private static readonly SweepBootstrapSettings NoBootstrap = new() { Samples = 0 };

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
        var judged = SweepAnalysis.Stability(rows, Settings);
        var unstable = rows.Where(r => !judged[r.Index].Stable).Select(r => r.Index).ToArray();
        // The hand-made runs.csv has no fid_trend / fid_residual_sd columns, so the relative spread rule decides.
        // Row 2: spread 0.5 > 0.25; row 6: diverged; row 7: |W| 150 > 100; rows 34, 35: 2 evaluations < lastK 3.
        Assert.Equal([2, 6, 7, 34, 35], unstable);
    }

    [Fact]
    public void Optimal_critic_is_the_eligible_cell_with_the_lowest_mean_stable_fid()
    {
        var generators = SweepAnalysis.Summarize(Rows(), Settings with { Bootstrap = NoBootstrap }, 36).Generators;
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
    public void Matching_capacity_inverts_the_monotone_fit_log_log_between_classical_grid_points()
    {
        // The classical optimal cells' seed FIDs (w4: 11, 13; w8: 8, 10; w16: 6, 6; w32: 3.5, 4.5; w64: 3, 3) already
        // fall with capacity, so the monotone fit of ln FID is each cell's mean ln FID: geometric means sqrt(143),
        // sqrt(80), 6, sqrt(15.75), 3. Between grid points ln FID is interpolated linearly in ln P.
        var summary = SweepAnalysis.Summarize(Rows(), Settings with { Bootstrap = NoBootstrap }, 36);
        Assert.Equal([Math.Sqrt(143), Math.Sqrt(80), 6, Math.Sqrt(15.75), 3], summary.MatchingCurve.Select(l => l.FittedFid), new Tolerance(1e-12));
        Assert.Equal([12.0, 9, 6, 4, 3], summary.MatchingCurve.Select(l => l.Fid));
        var matching = summary.Matching;
        Assert.Equal(4, matching.Count);

        // L=1, Fq = 9: sqrt(80) = 8.944 <= 9 < sqrt(143): t = ln(sqrt(143) / 9) / ln(sqrt(143) / sqrt(80)),
        // ln P = ln 172 + t (ln 320 - ln 172) -> P = 315.7790545423; ratio / 144.
        Assert.Equal("matched", matching[0].Status);
        Assert.Equal(Interpolate(172, Math.Sqrt(143), 320, Math.Sqrt(80), 9), matching[0].ClassicalParameters!.Value, 9);
        Assert.Equal(315.7790545423, matching[0].ClassicalParameters!.Value, 8);
        Assert.Equal(315.7790545423 / 144, matching[0].Ratio!.Value, 9);
        Assert.Equal([172L, 320], matching[0].Bracket!);
        Assert.Equal(Censoring.None, matching[0].Censoring);

        // L=2, Fq = 7 between w8 (sqrt 80) and w16 (6): 478.3688399215. L=3, Fq = 4.5 between w16 and w32: 984.3502530465.
        Assert.Equal(478.3688399215, matching[1].ClassicalParameters!.Value, 8);
        Assert.Equal([320L, 616], matching[1].Bracket!);
        Assert.Equal(984.3502530465, matching[2].ClassicalParameters!.Value, 8);

        // L=4, Fq = 2.5: no classical FID <= 2.5 (the smallest is 3) -> not reached (lower bound 2392).
        Assert.Equal("not-reached", matching[3].Status);
        Assert.Null(matching[3].ClassicalParameters);
        Assert.Equal([2392L], matching[3].Bracket!);
        Assert.Equal(Censoring.Lower, matching[3].Censoring);
        Assert.Equal(2392, matching[3].FitValue);
    }

    private static double Interpolate(double p0, double f0, double p1, double f1, double target)
    {
        double t = (Math.Log(f0) - Math.Log(target)) / (Math.Log(f0) - Math.Log(f1));
        return Math.Exp(Math.Log(p0) + t * (Math.Log(p1) - Math.Log(p0)));
    }

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;

        public int GetHashCode(double obj) => 0;
    }

    [Fact]
    public void Both_laws_are_fitted_by_censored_maximum_likelihood_with_the_unreached_point_as_a_bound()
    {
        var summary = SweepAnalysis.Summarize(Rows(), Settings, totalRuns: 36);
        // Points: (Q, ln C) = (144, ln 315.78), (264, ln 478.37), (384, ln 984.35) measured and (504, >= ln 2392) a lower
        // bound. The least-squares line through the three measured points predicts ln C = 7.41 (1651) at Q = 504, below
        // the bound, so the bound bends the fit. Reference: Nelder-Mead on the same likelihood (Python, math.erfc).
        var exp = summary.Fits.Exponential!;
        Assert.Equal((4, 3), (exp.N, exp.Measured));
        Assert.Equal(4.7532347175, exp.A, 5);
        Assert.Equal(0.005936358586, exp.B, 7);
        Assert.Equal(0.1515935912, exp.Sigma, 5);
        Assert.Equal(0.6185126668, exp.LogLikelihood!.Value, 6);
        Assert.Null(exp.Aicc); // n = 4
        var pow = summary.Fits.Power!;
        Assert.Equal(-2.7972275829, pow.A, 5);
        Assert.Equal(1.6723080788, pow.B, 5);
        Assert.Equal(-1.7954087261, pow.LogLikelihood!.Value, 6);
        // AIC 4.76 vs 9.59: the exponential law by 4.83 >= 2; the verdict also needs 90 % (the confidence) of the replicates.
        Assert.Equal(4.7629746664 - 9.5908174521, summary.Fits.AicDifference!.Value, 5);
        Assert.Equal(Censoring.Lower, exp.Points![3].Censoring);
        Assert.Equal(2392, exp.Points[3].Y);
        var share = summary.Fits.Share!;
        Assert.Equal(200, share.Replicates);
        Assert.Equal(summary.Fits.Preferred == SweepAnalysis.Exponential, share.Exponential >= 0.9);
        Assert.Contains(summary.Fits.Preferred is null ? "undetermined" : "exponential", summary.Fits.Verdict);

        // Band: the fitted curve over the points' Q range (bounds included) is exp(a + b Q).
        Assert.Equal(144, exp.Band[0].Q);
        Assert.Equal(Math.Exp(exp.A + exp.B * 144), exp.Band[0].Fit, 6);
        Assert.Equal(504, exp.Band[^1].Q);
    }

    [Fact]
    public void Summary_json_round_trips()
    {
        var json = SweepAnalysis.Summarize(Rows(), Settings, 36).ToJson();
        Assert.Equal(json, SweepSummary.FromJson(json, "summary.json").ToJson());
        Assert.Contains("\"format\": \"qgan-sweep-summary/2\"", json);
        Assert.Throws<InvalidDataException>(() => SweepSummary.FromJson("{\"format\": \"other\"}", "summary.json"));
    }

    [Fact]
    public void Counts_and_critic_scaling_are_reported_and_a_missing_run_marks_the_summary_partial()
    {
        var full = SweepAnalysis.Summarize(Rows(), Settings, totalRuns: 36);
        Assert.False(full.Partial);
        Assert.Equal(new SweepCounts(36, 36, 35, 1, 31, 0), full.Counts); // no converged column: 0 converged, 0 budget-limited
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
    public void Too_few_points_claim_no_preferred_law()
    {
        // Keep only L=1 and L=2 (both matched): a line through 2 points fits exactly.
        var rows = Rows().Where(r => !(r.IsQuantum && r.Layers >= 3)).ToList();
        var fits = SweepAnalysis.Summarize(rows, Settings with { Bootstrap = NoBootstrap }, rows.Count).Fits;
        Assert.True(fits.Exponential!.TooFewPoints);
        Assert.Null(fits.Preferred);
        Assert.StartsWith("undetermined: only 2 points", fits.Verdict);
        Assert.Null(fits.Exponential.Ci);
        // ln(478.3688399215 / 315.7790545423) / (264 - 144) = 0.0034611608.
        Assert.Equal(0.0034611608, fits.Exponential.B, 9);
    }
}
