using System.Diagnostics;
using QGan.MLNet.Experiments.Analysis;
using QGan.MLNet.Experiments.Config;
using Xunit.Abstractions;

namespace QGan.MLNet.Experiments.Tests.Analysis;

/// <summary>
/// The law verdicts and intervals on studies simulated from known laws, analysed by the real analysis. CI runs a few
/// studies per design; the full 100-study calibration of docs/sweep.md is <see cref="Full_calibration"/>, run with
/// QGAN_CALIBRATION_OUT=path (it writes the Markdown table there).
/// </summary>
public sealed class CalibrationTests(ITestOutputHelper output)
{
    private static SweepAnalysisSettings Settings(int samples) => new()
    {
        LastK = 5,
        Bootstrap = new SweepBootstrapSettings { Samples = samples, Seed = 7, Confidence = 0.95 },
    };

    [Fact]
    public void Clearly_different_laws_are_told_apart_and_barely_different_ones_are_left_undetermined_rather_than_misjudged()
    {
        // 12 studies per design, 100 bootstrap replicates: a smaller copy of the full calibration (same seeds).
        var scenarios = LawCalibration.StandardScenarios().ToDictionary(s => s.Name);
        foreach (var name in new[] { "clear-exponential-0.05", "clear-power-0.05" })
        {
            var matching = LawCalibration.Run(scenarios[name], 12, 1000, Settings(100))[0];
            output.WriteLine(LawCalibration.Table([matching]));
            Assert.True(matching.ChoseTrue >= 11, $"{name}: the true law was chosen in {matching.ChoseTrue} of 12 studies");
            Assert.Equal(0, matching.ChoseWrong);
            // One bound per study: the largest quantum generator's match lies beyond the classical grid.
            Assert.Equal(1, matching.CensoredPoints, 1);
            Assert.True(matching.Covered >= 9, $"{name}: {matching.Covered} of {matching.WithInterval} intervals of b cover the truth");
        }
        foreach (var name in new[] { "weak-exponential-0.10", "weak-power-0.10" })
        {
            foreach (var outcome in LawCalibration.Run(scenarios[name], 12, 1000, Settings(100)))
            {
                output.WriteLine(LawCalibration.Table([outcome]));
                Assert.True(outcome.Undetermined > outcome.ChoseWrong, $"{name} {outcome.Relation}: {outcome.Undetermined} undetermined, {outcome.ChoseWrong} wrong");
                Assert.True(outcome.ChoseWrong <= 1);
            }
        }
    }

    [Fact]
    public void Simulated_studies_are_reproducible_and_follow_the_grid_formulas()
    {
        var simulation = LawCalibration.StandardScenarios()[0].Simulation;
        var a = simulation.Rows(5);
        Assert.Equal(a, simulation.Rows(5));
        Assert.NotEqual(a, simulation.Rows(6));
        // 6 quantum + 8 classical generators x 5 critics x 3 seeds.
        Assert.Equal(210, a.Count);
        Assert.Equal([144L, 264, 384, 504, 744, 984], a.Where(r => r.IsQuantum).Select(r => r.GeneratorParams).Distinct());
        Assert.Equal(19841, a.Max(r => r.CriticParams));
        // Noise-free, a classical run's FID is 400 P^-0.7 times the critic penalty.
        var exact = simulation with { SeedNoise = 0, EvaluationNoise = 0, CriticCurvature = 0 };
        var row = exact.Rows(1).First(r => r.GeneratorWidth == 8);
        Assert.Equal(400 * Math.Pow(320, -0.7), row.Fid!.Value, 12);
    }

    [CalibrationFact]
    public void Full_calibration()
    {
        int studies = int.Parse(Environment.GetEnvironmentVariable("QGAN_CALIBRATION_STUDIES") ?? "100", System.Globalization.CultureInfo.InvariantCulture);
        int samples = int.Parse(Environment.GetEnvironmentVariable("QGAN_CALIBRATION_BOOTSTRAP") ?? "1000", System.Globalization.CultureInfo.InvariantCulture);
        var filter = Environment.GetEnvironmentVariable("QGAN_CALIBRATION_SCENARIOS");
        var outcomes = new List<LawCalibration.Outcome>();
        var clock = Stopwatch.StartNew();
        foreach (var scenario in LawCalibration.StandardScenarios().Where(s => filter is null || s.Name.Contains(filter, StringComparison.Ordinal)))
        {
            // The diagnostic of docs/sweep.md: the same studies without the critic grid's offset.
            var curvature = Environment.GetEnvironmentVariable("QGAN_CALIBRATION_CRITIC_CURVATURE");
            var run = curvature is null ? scenario : scenario with
            {
                Simulation = scenario.Simulation with { CriticCurvature = double.Parse(curvature, System.Globalization.CultureInfo.InvariantCulture) },
            };
            var result = LawCalibration.Run(run, studies, 1000, Settings(samples));
            outcomes.AddRange(result);
            File.WriteAllText(Environment.GetEnvironmentVariable("QGAN_CALIBRATION_OUT")!, LawCalibration.Table(outcomes) + $"\n{clock.Elapsed.TotalSeconds:F0} s\n");
        }
        output.WriteLine(LawCalibration.Table(outcomes));
    }
}

/// <summary>A fact run only when QGAN_CALIBRATION_OUT names the file for the calibration table.</summary>
public sealed class CalibrationFactAttribute : FactAttribute
{
    public CalibrationFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("QGAN_CALIBRATION_OUT") is null)
        {
            Skip = "the full calibration (minutes) runs only with QGAN_CALIBRATION_OUT=path";
        }
    }
}
