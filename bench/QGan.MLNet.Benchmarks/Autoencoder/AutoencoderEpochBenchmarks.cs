using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Data.Synthetic;

namespace QGan.MLNet.Benchmarks.Autoencoder;

/// <summary>
/// Time of one autoencoder training epoch (forward, MSE, backward, AdamW step for every batch, then the
/// validation pass) over 10,000 synthetic SAT-4 patches (9,000 train / 1,000 validation), for the paper's default
/// shape and the compact shipped shape, with one libtorch thread (the trainer's default).
/// <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- --filter '*AutoencoderEpoch*'</c>
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class AutoencoderEpochBenchmarks
{
    private const int Patches = 10_000;
    private AutoencoderDataset _data = null!;

    [Params("default", "compact")]
    public string Shape { get; set; } = "compact";

    [GlobalSetup]
    public void Setup()
    {
        var split = Sat4SyntheticGenerator.Generate(Patches, 1);
        var pixels = new float[split.Pixels.Length];
        PixelScaling.ToUnitFloats(split.Pixels, pixels);
        _data = new AutoencoderDataset(pixels, Sat4Schema.Channels, Sat4Schema.Height, Sat4Schema.Width, "synthetic");
    }

    [Benchmark(Description = "one epoch, 10k patches")]
    public double Epoch()
    {
        var architecture = Shape == "default" ? AutoencoderArchitecture.Default : AutoencoderArchitecture.Compact;
        var options = new AutoencoderTrainingOptions { Epochs = 1, BatchSize = 64, Seed = 42, EarlyStoppingPatience = 0 };
        using var result = new AutoencoderTrainer(architecture, options).Train(_data);
        return result.ValidationMse;
    }
}
