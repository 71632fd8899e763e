using BenchmarkDotNet.Attributes;
using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Experiments.Analysis;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Benchmarks.Experiments;

/// <summary>
/// Cost of the sweep analysis (stability, optimal critics and vertices, matching, the three law comparisons) with and
/// without the seeded bootstrap, and of the runs.csv round trip, on a paper-sized simulated grid: 6 quantum
/// (L = 1, 2, 3, 4, 6, 8) + 8 classical generators x 5 critics x 5 seeds = 350 runs.
/// Run: <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- --filter '*SweepAnalysis*'</c>
/// </summary>
[SimpleJob(warmupCount: 2, iterationCount: 5)]
[MemoryDiagnoser]
public class SweepAnalysisBenchmarks
{
    private List<SweepRunRow> _rows = null!;
    private string _csv = null!;
    private SweepAnalysisSettings _settings = null!;

    [Params(0, 1000)]
    public int BootstrapSamples { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // A simulated study (docs/sweep.md, "Calibration"): power laws for the matching and the critic, 5 % seed noise,
        // 2 % evaluation jitter, 3 % diverged runs, with the trajectory columns the stability criterion reads.
        var simulation = LawCalibration.StandardScenarios().Single(s => s.Name == "clear-power-0.05").Simulation with { Seeds = 5 };
        _rows = simulation.Rows(3);
        _settings = new SweepAnalysisSettings { Bootstrap = new SweepBootstrapSettings { Samples = BootstrapSamples } };
        _csv = Path.Combine(Path.GetTempPath(), $"qgan-bench-runs-{Environment.ProcessId}.csv");
    }

    [Benchmark]
    public SweepSummary Summarize() => SweepAnalysis.Summarize(_rows, _settings, _rows.Count);

    [Benchmark]
    public int RunsCsvRoundTrip()
    {
        RunsCsv.Write(_csv, _rows);
        return RunsCsv.Read(_csv).Count;
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_csv);
}
