using BenchmarkDotNet.Attributes;
using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Experiments.Analysis;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Benchmarks.Experiments;

/// <summary>
/// Cost of the sweep analysis (optimal critics, matching, both fits) with and without the seeded bootstrap, and of
/// the runs.csv round trip, on a paper-sized grid: 6 quantum (L = 1..6) + 8 classical generators x 5 critics x
/// 5 seeds = 350 runs. FIDs fall with capacity (plus seed noise) so every quantum generator is matched.
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
        var rng = new SeededRandom(3);
        double Noise() => (rng.NextInt(1000) / 1000.0 - 0.5) * 0.2;
        var rows = new List<SweepRunRow>();
        int index = 0;
        var generators = Enumerable.Range(1, 6).Select(l => (Quantum: true, Size: l, Params: 120L * l + 24, Fid: 12.0 / l))
            .Concat(Enumerable.Range(0, 8).Select(k => (Quantum: false, Size: 4 << k, Params: 37L * (4 << k) + 24, Fid: 20.0 / (k + 1.2))));
        foreach (var g in generators)
        {
            foreach (var critic in new[] { 8, 16, 32, 64, 128 })
            {
                for (int seed = 1; seed <= 5; seed++)
                {
                    rows.Add(new SweepRunRow
                    {
                        Index = index++,
                        GeneratorKind = g.Quantum ? SweepRunStatus.Quantum : SweepRunStatus.Classical,
                        Qubits = g.Quantum ? 12 : null,
                        Layers = g.Quantum ? g.Size : null,
                        GeneratorWidth = g.Quantum ? null : g.Size,
                        GeneratorDepth = g.Quantum ? null : 1,
                        CriticWidth = critic,
                        CriticDepth = 2,
                        Seed = seed,
                        GeneratorParams = g.Params,
                        CriticParams = 25L * critic + (critic + 1L) * critic + critic + 1,
                        Status = SweepRunStatus.Completed,
                        Iterations = 1000,
                        Fid = g.Fid * (1 + Math.Abs(Math.Log2(critic / 32.0)) * 0.1 + Noise()),
                        FidSpread = 0.1 + Noise(),
                        MaxAbsWasserstein = 2,
                        Jsd = 0.1,
                        Evaluations = 20,
                    });
                }
            }
        }
        _rows = rows;
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
