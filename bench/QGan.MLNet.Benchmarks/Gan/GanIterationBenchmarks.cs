using BenchmarkDotNet.Attributes;
using QGan.MLNet.Trainers.Gan.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace QGan.MLNet.Benchmarks.Gan;

/// <summary>
/// Cost of one WGAN-GP training iteration (5 critic steps + 1 generator step) at equal batch size, for the
/// 12-qubit style generator with 2, 4 and 8 layers (24-d ZX readout) and for a classical MLP generator; plus the
/// generator forward pass alone (inference). Critic 24 -&gt; 64 -&gt; 64 -&gt; 1 in every case.
/// Run: <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- --filter '*GanIteration*'</c>
/// </summary>
[SimpleJob(warmupCount: 2, iterationCount: 5)]
[MemoryDiagnoser]
public class GanIterationBenchmarks
{
    private WganGpTrainer _trainer = null!;
    private Tensor _noise = null!;

    [Params("quantum-L2", "quantum-L4", "quantum-L8", "classical-64x64")]
    public string Generator { get; set; } = "";

    [Params(64)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        var values = Enumerable.Range(0, 2048 * 24).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var options = new GanTrainingOptions
        {
            Generator = Generator.StartsWith("quantum", StringComparison.Ordinal) ? GeneratorKind.Quantum : GeneratorKind.Classical,
            Qubits = 12,
            Layers = Generator.StartsWith("quantum", StringComparison.Ordinal) ? int.Parse(Generator[^1..], System.Globalization.CultureInfo.InvariantCulture) : 0,
            NoiseDimension = 12,
            GeneratorHidden = [64, 64],
            CriticHidden = [64, 64],
            BatchSize = Batch,
            Iterations = int.MaxValue,
        };
        _trainer = new WganGpTrainer(options, new LatentDataSet(values, 24, "uniform"));
        _noise = torch.randn(Batch, options.NoiseDimension);
    }

    [Benchmark(Description = "training iteration (5 critic + 1 generator step)")]
    public void TrainingIteration() => _trainer.TrainOneIteration();

    [Benchmark(Description = "generator forward (inference)")]
    public float GeneratorForward()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return _trainer.Generator.forward(_noise).sum().item<float>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _noise.Dispose();
        _trainer.Dispose();
    }
}
