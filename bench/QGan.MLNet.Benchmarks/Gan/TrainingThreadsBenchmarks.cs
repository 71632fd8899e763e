using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Benchmarks.Gan;

/// <summary>
/// Wall time of 100 WGAN-GP iterations (batch 64, 5 critic steps) with <c>GanTrainingOptions.Threads</c> = 1 (the
/// default) and 0 (one per core, what libtorch does by default), with and without a competing CPU load of one busy
/// process per core (started before and killed after each measurement), for the classical (64-64) and the quantum
/// (12 qubits, 2 layers) generator. Each iteration trains a fresh run from the same seed.
/// <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- --filter '*TrainingThreads*'</c>
/// </summary>
[SimpleJob(warmupCount: 1, iterationCount: 4, invocationCount: 1)]
public class TrainingThreadsBenchmarks
{
    private LatentDataSet _data = null!;
    private readonly List<Process> _load = [];

    [Params("classical-64x64", "quantum-12x2")]
    public string Generator { get; set; } = "";

    [Params(1, 0)]
    public int Threads { get; set; }

    [Params(false, true)]
    public bool CompetingLoad { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _data = new LatentDataSet([.. Enumerable.Range(0, 2048 * 24).Select(_ => (float)(rng.NextDouble() * 2 - 1))], 24, "uniform");
    }

    [IterationSetup]
    public void StartLoad()
    {
        if (!CompetingLoad)
        {
            return;
        }
        for (int i = 0; i < Environment.ProcessorCount; i++)
        {
            _load.Add(Process.Start(new ProcessStartInfo("sh", ["-c", "while :; do :; done"]) { UseShellExecute = false })!);
        }
    }

    [IterationCleanup]
    public void StopLoad()
    {
        foreach (var process in _load)
        {
            process.Kill();
            process.WaitForExit();
            process.Dispose();
        }
        _load.Clear();
    }

    [Benchmark]
    public int Train100Iterations()
    {
        bool quantum = Generator.StartsWith("quantum", StringComparison.Ordinal);
        var options = new GanTrainingOptions
        {
            Generator = quantum ? GeneratorKind.Quantum : GeneratorKind.Classical,
            Qubits = 12,
            Layers = 2,
            NoiseDimension = 12,
            GeneratorHidden = [64, 64],
            CriticHidden = [64, 64],
            BatchSize = 64,
            Iterations = 100,
            MetricsInterval = 100,
            Threads = Threads,
        };
        using var trainer = new WganGpTrainer(options, _data);
        trainer.Train();
        return trainer.Iteration;
    }
}
