using BenchmarkDotNet.Attributes;
using QGan.MLNet.Transforms.Features;

namespace QGan.MLNet.Benchmarks.Evaluation;

/// <summary>
/// Throughput of the ONNX feature extractor on the tiny-features fixture model (3 x 32 x 32 -> 64): 1,024 SAT-4
/// images, R, G, B selected, bilinear 28 -> 32, [0, 1] -> [-1, 1], batched ONNX Runtime inference on the CPU.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class OnnxFeatureExtractorBenchmarks
{
    private OnnxFeatureExtractor? _extractor;
    private float[][] _images = [];

    [Params(1, 32)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var model = FindFixture("onnx", "tiny-features.onnx");
        _extractor = new OnnxFeatureExtractor(new OnnxFeatureExtractorOptions
        {
            ModelPath = model,
            OnnxInputName = "images",
            OnnxOutputName = "features",
            TargetHeight = 32,
            TargetWidth = 32,
            BatchSize = BatchSize,
        }.WithInputRange(-1, 1));
        _images = SyntheticFeatures.Images(1024, seed: 7);
    }

    [GlobalCleanup]
    public void Cleanup() => _extractor?.Dispose();

    [Benchmark(Description = "extract features of 1,024 SAT-4 images")]
    public int Extract() => _extractor!.Extract(_images).Length;

    private static string FindFixture(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine([dir.FullName, "shared", "fixtures", .. parts]);
            if (File.Exists(candidate))
            {
                return candidate;
            }
            candidate = Path.Combine([dir.FullName, "..", "shared", "fixtures", .. parts]);
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }
        throw new FileNotFoundException($"Fixture {Path.Combine(parts)} not found above {AppContext.BaseDirectory}.");
    }
}
