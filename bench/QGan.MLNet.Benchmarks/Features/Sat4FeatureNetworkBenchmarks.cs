using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using QGan.MLNet.Trainers.Features;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Data.Synthetic;
using QGan.MLNet.Transforms.Features;

namespace QGan.MLNet.Benchmarks.Features;

/// <summary>
/// The SAT-4 feature network: one training epoch over 2,000 synthetic patches (1,600 train / 400 validation,
/// batch 64, one libtorch thread) and feature extraction of 1,024 images with the exported ONNX model through
/// <see cref="OnnxFeatureExtractor"/> (batches of 32 and 256) and with TorchSharp (one batch), i.e. the cost of a
/// FID evaluation in this space per 1,024 images.
/// <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- --filter '*Sat4FeatureNetwork*'</c>
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class Sat4FeatureNetworkBenchmarks
{
    private const int Images = 1024;
    private Sat4Split _train = null!;
    private float[] _images = null!;
    private string _modelPath = null!;
    private Sat4FeatureNetwork _model = null!;
    private OnnxFeatureExtractor _extractor32 = null!;
    private OnnxFeatureExtractor _extractor256 = null!;
    private float[] _features = null!;

    [GlobalSetup]
    public void Setup()
    {
        _train = Sat4SyntheticGenerator.Generate(2000, 1UL);
        var probe = Sat4SyntheticGenerator.Generate(Images, 2UL);
        _images = new float[Images * Sat4Schema.PixelCount];
        probe.CopyPatchesChw(Enumerable.Range(0, Images).ToArray(), _images);
        _model = new Sat4FeatureNetwork();
        using (var generator = new global::TorchSharp.torch.Generator(1))
        {
            _model.ResetParameters(generator);
        }
        global::TorchSharp.torch.set_num_threads(1);
        _modelPath = Path.Combine(Path.GetTempPath(), $"sat4-features-bench-{Environment.ProcessId}.onnx");
        File.WriteAllBytes(_modelPath, Sat4FeatureOnnx.Export(_model, new Dictionary<string, string>()));
        _extractor32 = new OnnxFeatureExtractor(OnnxFeatureExtractorOptions.Sat4FeatureNetwork(_modelPath) with { BatchSize = 32 });
        _extractor256 = new OnnxFeatureExtractor(OnnxFeatureExtractorOptions.Sat4FeatureNetwork(_modelPath) with { BatchSize = 256 });
        _features = new float[Images * Sat4FeatureNetwork.FeatureDimension];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _extractor32.Dispose();
        _extractor256.Dispose();
        _model.Dispose();
        File.Delete(_modelPath);
    }

    [Benchmark(Description = "train: one epoch, 2k patches")]
    public double TrainEpoch()
    {
        var result = new Sat4FeatureTrainer(new Sat4FeatureTrainingOptions { Epochs = 1, Seed = 42 }).Train(_train);
        using var model = result.Model;
        return result.ValidationAccuracy;
    }

    [Benchmark(Description = "ONNX features, 1024 images, batch 32")]
    public float OnnxBatch32() => Extract(_extractor32);

    [Benchmark(Description = "ONNX features, 1024 images, batch 256")]
    public float OnnxBatch256() => Extract(_extractor256);

    [Benchmark(Description = "TorchSharp features, 1024 images")]
    public float TorchSharpFeatures() => Sat4FeatureTrainer.ExtractFeatures(_model, _images, Images)[0];

    private float Extract(OnnxFeatureExtractor extractor)
    {
        var batch = extractor.Options.BatchSize;
        var d = Sat4FeatureNetwork.FeatureDimension;
        for (var start = 0; start < Images; start += batch)
        {
            var n = Math.Min(batch, Images - start);
            extractor.ExtractBatch(_images.AsSpan(start * Sat4Schema.PixelCount, n * Sat4Schema.PixelCount), n, _features.AsSpan(start * d, n * d));
        }
        return _features[0];
    }
}
