using QGan.MLNet.Experiments.Analysis;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Experiments.Tests.Analysis;

/// <summary>
/// The inference on constructed studies whose answer is known exactly: noise-free simulated studies (the truth must be
/// recovered to rounding), learning-rate selection, the noise floor, sample sizes, budget-limited runs, spaces,
/// autoencoders and costs.
/// </summary>
public sealed class StudyInferenceTests
{
    private static readonly SweepAnalysisSettings NoBootstrap = new() { LastK = 5, Bootstrap = new SweepBootstrapSettings { Samples = 0 } };

    /// <summary>A simulated study without any noise: every run settles exactly at its cell's FID.</summary>
    private static StudySimulation Exact(double criticCurvature) => new()
    {
        Matching = SimulatedLaw.Through(LawComparison.Exponential, 144, 250, 984, 25000),
        QuantumCritic = SimulatedLaw.Through(LawComparison.Power, 144, 700, 744, 6000),
        ClassicalCritic = SimulatedLaw.Through(LawComparison.Power, 172, 400, 18968, 8000),
        SeedNoise = 0,
        EvaluationNoise = 0,
        DivergedShare = 0,
        CriticCurvature = criticCurvature,
    };

    [Fact]
    public void Noise_free_matching_recovers_the_true_capacity_and_bounds_the_one_beyond_the_grid()
    {
        // Without critic curvature every cell of a generator has its FID F(P) = 400 P^-0.7, and ln F is linear in ln P,
        // so the log-log interpolation of the monotone fit is exact: matched capacity = C(Q) of the true law.
        var sim = Exact(0);
        var summary = SweepAnalysis.Summarize(sim.Rows(1), NoBootstrap, 210);
        Assert.Equal(210, summary.Counts.Stable);
        for (int i = 0; i < 5; i++)
        {
            var m = summary.Matching[i];
            Assert.Equal(CapacityMatch.Matched, m.Status);
            Assert.Equal(Math.Exp(sim.Matching.LogCapacity(m.QuantumParameters)), m.ClassicalParameters!.Value, m.ClassicalParameters.Value * 1e-9);
        }
        // L=8 needs 25000 > 18968 (the largest classical generator, w = 512): a lower bound in the fit.
        var last = summary.Matching[5];
        Assert.Equal((CapacityMatch.NotReached, Censoring.Lower), (last.Status, last.Censoring));
        Assert.Equal(18968, last.FitValue);

        // Five exact points plus a bound that the true exponential law honours: it fits exactly, the power law cannot.
        Assert.True(summary.Fits.Exponential!.TooFewPoints);
        Assert.Equal(sim.Matching.B, summary.Fits.Exponential.B, 12);
        Assert.Equal(SweepAnalysis.Exponential, summary.Fits.Preferred);
        Assert.Contains("passes exactly through all 5 measured points", summary.Fits.Verdict);
    }

    [Fact]
    public void Noise_free_critic_vertices_recover_the_optimal_critic_and_censor_optima_outside_the_grid()
    {
        // FID(c) = F (1 + 0.1 (ln c - ln c*)²) is exactly quadratic in ln c: the fitted vertex is c*.
        var sim = Exact(0.1);
        var summary = SweepAnalysis.Summarize(sim.Rows(1), NoBootstrap, 210);
        // c* runs from 700 (L=1) to 6000 (L=6) and 8600 (L=8), all inside the critic grid (281 .. 19841).
        foreach (var g in summary.Generators.Where(g => g.Kind == SweepRunStatus.Quantum))
        {
            double truth = Math.Exp(sim.QuantumCritic.LogCapacity(g.Parameters));
            var v = g.CriticVertex!;
            Assert.Equal(CriticVertex.Interior, v.Status);
            Assert.Equal(truth, v.CriticParameters!.Value, truth * 1e-8);
            // The vertex FID is the generator's FID without the critic penalty.
            double penalty = 1 + 0.1 * Math.Pow(Math.Log(StudySimulation.CriticParameters(g.OptimalCritic!.CriticWidth)) - Math.Log(truth), 2);
            Assert.Equal(g.BestFid!.Value / penalty, v.FidAtVertex!.Value, 1e-9);
        }
        // Classical c* from 400 (w=4) to 8000 (w=512): all inside too. A generator whose whole grid lies below its optimum
        // is censored: move the classical law up by e^3 and the largest generators' optima pass 19841.
        var shifted = SweepAnalysis.Summarize((sim with { ClassicalCritic = sim.ClassicalCritic with { A = sim.ClassicalCritic.A + 3 } }).Rows(1), NoBootstrap, 210);
        var w512 = shifted.Generators.Single(g => g.Label == "classical w=512").CriticVertex!;
        Assert.Equal((CriticVertex.RightCensored, 19841.0), (w512.Status, w512.CriticParameters!.Value));
        Assert.Contains(shifted.CriticFits!.Classical.Power!.Points!, p => p.Censoring == Censoring.Lower);
        // The grid argmin differs from the vertex: it can only name a grid critic.
        var l2 = summary.Generators[1];
        Assert.Contains(l2.OptimalCritic!.CriticParameters, new long[] { 281, 689, 1889, 5825, 19841 });
        Assert.Equal(SweepAnalysis.Power, summary.CriticFits!.Quantum.Preferred);
        Assert.Equal(sim.QuantumCritic.B, summary.CriticFits.Quantum.Power!.B, 8);
    }

    [Fact]
    public void Critic_optimum_at_a_grid_edge_is_censored_on_that_side()
    {
        // FID falls faster and faster across the critic grid (concave: no minimum at all): censored right at the
        // largest critic (a lower bound).
        var falling = CriticOptimum.Fit([(281L, [9.0, 9.2]), (689, [8.6, 8.5]), (1889, [7.6, 7.5]), (5825, [6.0, 6.1])]);
        Assert.Equal(CriticVertex.RightCensored, falling.Status);
        Assert.Equal(5825, falling.EdgeParameters);
        Assert.True(double.IsPositiveInfinity(falling.LogCritic));
        // A parabola whose vertex lies left of the grid: censored left at the smallest critic.
        var rising = CriticOptimum.Fit([(281L, [5.0]), (689, [5.4]), (1889, [6.2])]);
        Assert.Equal(CriticVertex.LeftCensored, rising.Status);
        Assert.Equal(281, rising.EdgeParameters);
        // Two cells can only say which edge is better; one cell says nothing.
        Assert.Equal(CriticVertex.LeftCensored, CriticOptimum.Fit([(281L, [5.0]), (689, [6.0])]).Status);
        Assert.Equal(CriticVertex.NoFit, CriticOptimum.Fit([(281L, [5.0])]).Status);
    }

    private static SweepRunRow Row(int index, string kind, int size, int critic, int seed, double fid, double? validation = null, double? lr = null) => new()
    {
        Index = index, GeneratorKind = kind, Qubits = kind == SweepRunStatus.Quantum ? 12 : null, Layers = kind == SweepRunStatus.Quantum ? size : null,
        GeneratorWidth = kind == SweepRunStatus.Classical ? size : null, GeneratorDepth = kind == SweepRunStatus.Classical ? 1 : null,
        CriticWidth = critic, CriticDepth = 2, Seed = seed,
        GeneratorParams = kind == SweepRunStatus.Quantum ? StudySimulation.QuantumParameters(size) : StudySimulation.ClassicalParameters(size),
        CriticParams = StudySimulation.CriticParameters(critic), Status = SweepRunStatus.Completed, Iterations = 100, Evaluations = 10,
        Fid = fid, FidSpread = 0.05, MaxAbsWasserstein = 1, ValidationFid = validation, GeneratorLr = lr, CriticLr = lr,
    };

    [Fact]
    public void A_cell_with_several_learning_rates_is_its_best_setting_on_the_validation_split_and_reports_the_other_split()
    {
        // One cell, two settings: lr 0.01 has the lower reported FID (4 vs 5) but the higher validation FID (6.5 vs 5.5),
        // so validation picks lr 0.001 and the cell reports its FID 5 (the reported split never chose it).
        SweepRunRow[] rows =
        [
            Row(0, SweepRunStatus.Classical, 8, 16, 1, 4.0, 6.4, 0.01), Row(1, SweepRunStatus.Classical, 8, 16, 2, 4.0, 6.6, 0.01),
            Row(2, SweepRunStatus.Classical, 8, 16, 1, 5.0, 5.4, 0.001), Row(3, SweepRunStatus.Classical, 8, 16, 2, 5.0, 5.6, 0.001),
        ];
        var cell = SweepAnalysis.Summarize(rows, NoBootstrap, 4).Generators[0].Cells[0];
        Assert.Equal((5.0, 0.001, 2, "validation"), (cell.Fid!.Value, cell.GeneratorLr!.Value, cell.LrSettings, cell.LrSelectedBy));
        Assert.Equal(2, cell.Seeds);

        // Without validation FIDs the reported split has to choose (flagged): lr 0.01.
        var unvalidated = rows.Select(r => r with { ValidationFid = null }).ToList();
        var fallback = SweepAnalysis.Summarize(unvalidated, NoBootstrap, 4).Generators[0].Cells[0];
        Assert.Equal((4.0, 0.01, "reported"), (fallback.Fid!.Value, fallback.GeneratorLr!.Value, fallback.LrSelectedBy));

        // A setting whose seeds are mostly unstable is not eligible, whatever its validation FID.
        var unstable = rows.Select(r => r.GeneratorLr == 0.001 ? r with { Status = SweepRunStatus.Diverged } : r).ToList();
        Assert.Equal(0.01, SweepAnalysis.Summarize(unstable, NoBootstrap, 4).Generators[0].Cells[0].GeneratorLr);
    }

    private static List<SweepRunRow> HandMade()
    {
        using var dir = new TempDirectory();
        return RunsCsv.Read(HandMadeSweep.Write(dir.Path));
    }

    [Fact]
    public void Quantum_fids_within_the_noise_floor_match_only_as_a_lower_bound()
    {
        // Floor 4.0 (latent): L=4 (2.5) is indistinguishable from real data; the classical curve reaches 4.0 between
        // w16 (6) and w32 (sqrt 15.75 = 3.97): needed >= that capacity. L=3 (4.5) is above the floor: matched as before.
        var floor = new NoiseFloorFile { Format = NoiseFloorFile.CurrentFormat, EvalSamples = 500, Spaces = new Dictionary<string, FidJsd> { ["latent"] = new(4.0, 0.01) } };
        var summary = SweepAnalysis.Summarize(HandMade(), NoBootstrap with { LastK = 3 }, 36, new StudyContext(floor));
        var l4 = summary.Matching[3];
        Assert.Equal((CapacityMatch.AtNoiseFloor, Censoring.Lower), (l4.Status, l4.Censoring));
        double t = (Math.Log(6) - Math.Log(4)) / (Math.Log(6) - Math.Log(Math.Sqrt(15.75)));
        Assert.Equal(Math.Exp(Math.Log(616) + t * (Math.Log(1208) - Math.Log(616))), l4.ClassicalParameters!.Value, 1e-6);
        Assert.Equal(CapacityMatch.Matched, summary.Matching[2].Status);
        Assert.True(summary.Generators[3].AtNoiseFloor);
        Assert.False(summary.Generators[2].AtNoiseFloor);
        Assert.Equal(4.0, summary.NoiseFloor!.Fid);
        Assert.True(summary.NoiseFloor.Comparable);
        Assert.Contains("runs.csv does not record eval_samples", summary.NoiseFloor.Note);

        // A floor measured with another sample size is reported but not used.
        var rows = HandMade().Select(r => r with { EvalSamples = 1000 }).ToList();
        var other = SweepAnalysis.Summarize(rows, NoBootstrap with { LastK = 3 }, 36, new StudyContext(floor));
        Assert.False(other.NoiseFloor!.Comparable);
        Assert.Null(other.NoiseFloor.Fid);
        Assert.Equal(CapacityMatch.NotReached, other.Matching[3].Status);
        Assert.Equal(1000, other.EvalSamples);
    }

    [Fact]
    public void Fids_from_different_sample_sizes_are_refused_unless_fid_infinity_is_used()
    {
        var rows = HandMade().Select(r => r with { EvalSamples = r.Index < 10 ? 500 : 2000, FidInfinity = r.Fid is double f ? f * 0.9 : null }).ToList();
        var ex = Assert.Throws<InvalidDataException>(() => SweepAnalysis.Summarize(rows, NoBootstrap with { LastK = 3 }, 36));
        Assert.Contains("eval_samples 500, 2000", ex.Message);
        var summary = SweepAnalysis.Summarize(rows, NoBootstrap with { LastK = 3, FidInfinity = true }, 36);
        Assert.Equal("fid_infinity", summary.FidColumn);
        Assert.Equal(9 * 0.9, summary.Matching[0].QuantumFid!.Value, 12);
        Assert.Null(summary.EvalSamples);
    }

    [Fact]
    public void Budget_limited_runs_are_counted_flagged_and_the_inference_is_rerun_without_them()
    {
        // Both seeds of quantum L=3's best cell (critic 16, rows 10 and 11) ran out of budget; every other run converged.
        var rows = HandMade().Select(r => r with { Converged = r.Index is 10 or 11 ? false : true, StopReason = r.Index is 10 or 11 ? "budget" : "plateau" }).ToList();
        var summary = SweepAnalysis.Summarize(rows, NoBootstrap with { LastK = 3 }, 36);
        Assert.Equal((34, 2, 1), (summary.Counts.Converged, summary.Counts.BudgetLimited, summary.Counts.BudgetLimitedCells));
        Assert.True(summary.Generators[2].BudgetLimited);
        Assert.False(summary.Generators[1].BudgetLimited);
        var budget = summary.Budget!;
        Assert.Equal(2, budget.BudgetLimitedRuns);
        // Without them L=3's only cell is critic 8 (FID 6): its match moves from 984 to exactly w16's 616.
        var l3 = budget.WithoutBudgetLimited.Matching[2];
        Assert.Equal(CapacityMatch.Matched, l3.Status);
        Assert.Equal(616, l3.ClassicalParameters!.Value, 9);
        Assert.Equal(summary.Fits.Preferred != budget.WithoutBudgetLimited.Fits.Preferred
            || summary.CriticFits!.Quantum.Preferred != budget.WithoutBudgetLimited.CriticQuantum.Preferred
            || summary.CriticFits.Classical.Preferred != budget.WithoutBudgetLimited.CriticClassical.Preferred, budget.Changed);

        Assert.Null(SweepAnalysis.Summarize(HandMade(), NoBootstrap with { LastK = 3 }, 36).Budget);
    }

    [Fact]
    public void Every_recorded_space_gets_a_headline_and_the_chosen_space_drives_the_inference()
    {
        // Feature FIDs twice the latent ones: the same ordering, so the same matches; pixel FIDs only for some runs.
        var rows = HandMade().Select(r => r with { FeatureFid = r.Fid * 2, PixelFid = r.Index % 4 == 0 ? r.Fid : null }).ToList();
        var summary = SweepAnalysis.Summarize(rows, NoBootstrap with { LastK = 3 }, 36);
        Assert.Equal(["latent", "feature", "pixel"], summary.Spaces.Select(s => s.Name));
        Assert.Equal(summary.Matching.Select(m => m.ClassicalParameters?.ToString("G10")), summary.Spaces[1].Matching.Select(m => m.ClassicalParameters?.ToString("G10")));
        Assert.Equal(summary.Fits.Preferred, summary.Spaces[0].Fits.Preferred);

        var feature = SweepAnalysis.Summarize(rows, NoBootstrap with { LastK = 3, Space = FidSpaces.Feature }, 36);
        Assert.Equal(("feature", "feature_fid"), (feature.Space, feature.FidColumn));
        Assert.Equal(18, feature.Matching[0].QuantumFid);
        Assert.Single(SweepAnalysis.Summarize(HandMade(), NoBootstrap with { LastK = 3 }, 36).Spaces);
    }

    [Fact]
    public void Several_autoencoders_are_analysed_apart_with_the_catalog_order_and_reconstruction_error()
    {
        // Autoencoder "small" has the hand-made runs; "large" the same runs with every FID halved (indices shifted).
        var small = HandMade().Select(r => r with { Autoencoder = "small" }).ToList();
        var large = small.Select(r => r with { Index = r.Index + 36, Autoencoder = "large", Fid = r.Fid / 2 }).ToList();
        var catalog = AutoencoderCatalog.Parse("""
            { "format": "qgan-autoencoders/1", "autoencoders": [ { "name": "large", "path": "ae/large", "reconstructionMse": 0.002 },
                                                                   { "name": "small", "reconstructionMse": 0.004 } ] }
            """, "autoencoders.json");
        var summary = SweepAnalysis.Summarize([.. small, .. large], NoBootstrap with { LastK = 3 }, 72, new StudyContext(Autoencoders: catalog));
        Assert.Equal("large", summary.Autoencoder); // the catalog's first
        Assert.Equal(["large", "small"], summary.Autoencoders.Select(a => a.Name));
        Assert.Equal([0.002, 0.004], summary.Autoencoders.Select(a => a.ReconstructionMse!.Value));
        Assert.All(summary.Autoencoders, a => Assert.Equal(31.0 / 36, a.StableShare, 12));
        Assert.Equal(4.5, summary.Matching[0].QuantumFid);
        Assert.Equal(2.5, summary.Autoencoders[1].Result.BestQuantumFid);
        // Halving every FID leaves ln FID differences, and so the matches and laws, unchanged.
        Assert.Equal(summary.Autoencoders[0].Result.Matching.Select(m => m.ClassicalParameters?.ToString("G9")), summary.Autoencoders[1].Result.Matching.Select(m => m.ClassicalParameters?.ToString("G9")));
        Assert.False(summary.Autoencoders[1].LawChanged);

        // Each latent space has its own noise floor: "large" (FIDs halved: L=4 at 1.25) is within its floor of 1.6, which
        // its classical curve reaches between w32 (1.98) and w64 (1.5); "small" (L=4 at 2.5) is above its floor of 2.0
        // and stays not reached. Keys the analysis does not use (how the sets were drawn) are ignored.
        var floor = NoiseFloorFile.Parse("""
            { "format": "qgan-noise-floor/1", "evalSamples": 400, "draw": "seeded split",
              "spaces": { "latent": { "fid": 1.0, "jsd": 0.01 } },
              "autoencoders": { "large": { "latent": { "fid": 1.6, "jsd": 0.01 } }, "small": { "latent": { "fid": 2.0, "jsd": 0.01 } } } }
            """, "noise-floor.json");
        var catalogWithExtras = AutoencoderCatalog.Parse("""
            { "format": "qgan-autoencoders/1", "autoencoders": [ { "name": "large", "path": "ae/large", "reconstructionMse": 0.002, "heldOutImages": 400 },
                                                                   { "name": "small", "path": "ae/small", "reconstructionMse": 0.004, "heldOutImages": 400 } ] }
            """, "autoencoders.json");
        var floored = SweepAnalysis.Summarize([.. small, .. large], NoBootstrap with { LastK = 3 }, 72, new StudyContext(floor, catalogWithExtras));
        Assert.Equal(1.6, floored.NoiseFloor!.Fid);
        Assert.Equal(CapacityMatch.AtNoiseFloor, floored.Matching[3].Status);
        Assert.Equal(CapacityMatch.NotReached, floored.Autoencoders[1].Result.Matching[3].Status);
        Assert.Throws<InvalidDataException>(() => AutoencoderCatalog.Parse("""{ "format": "qgan-autoencoders/1", "autoencoders": [ { "name": "" } ] }""", "a.json"));
    }

    [Fact]
    public void Costs_at_matched_fid_put_the_matching_classical_grid_generator_beside_each_quantum_one()
    {
        var rows = HandMade().Select(r => r with
        {
            SecondsPerIteration = r.IsQuantum ? 0.01 * r.Layers : 0.001,
            InferenceSecondsPerSample = r.IsQuantum ? 1e-4 * r.Layers : 1e-6,
        }).ToList();
        var constants = new CostConstants(12, MeasurementBases: 2, ShotsPerCircuit: 1000, "test");
        var costs = SweepAnalysis.Summarize(rows, NoBootstrap with { LastK = 3 }, 36, new StudyContext(Costs: constants)).Costs;
        Assert.Equal(4, costs.Count);
        // L=2 (FID 7) is first reached by w16 (fitted FID 6); L=4 by none.
        Assert.Equal(("quantum L=2", "classical w=16", 616L), (costs[1].QuantumLabel, costs[1].ClassicalLabel, costs[1].ClassicalParameters!.Value));
        Assert.Equal((0.02, 0.001), (costs[1].QuantumSecondsPerIteration!.Value, costs[1].ClassicalSecondsPerIteration!.Value));
        Assert.Equal((2, 2000L), (costs[1].CircuitExecutionsPerSample!.Value, costs[1].ShotsPerSample!.Value));
        // Classical w=16, depth 1, 616 parameters with 12 noise inputs: output width (616 - 13 * 16) / 17 = 24,
        // multiply-adds 12 * 16 + 16 * 24 = 576.
        Assert.Equal(576, costs[1].ClassicalMultiplyAddsPerSample);
        Assert.Null(costs[3].ClassicalLabel);
        Assert.Null(constants.ClassicalMultiplyAdds(617, 16, 1));
    }
}
