using BenchmarkDotNet.Attributes;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.Evaluation;
using Microsoft.ML;

namespace QGan.MLNet.Benchmarks.Evaluation;

/// <summary>
/// JSD of 10k vs 10k SAT-4 images (per-band 256-bin intensity histograms over 31M values per set) and the
/// feature-space JSD of 10k vs 10k 2048-d features (64 bins per dimension).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class JensenShannonBenchmarks
{
    private readonly MLContext _ml = new(seed: 1);
    private float[][] _imagesA = [];
    private float[][] _imagesB = [];
    private float[][] _featuresA = [];
    private float[][] _featuresB = [];

    [GlobalSetup]
    public void Setup()
    {
        _imagesA = SyntheticFeatures.Images(10_000, seed: 1);
        _imagesB = SyntheticFeatures.Images(10_000, seed: 2);
        _featuresA = SyntheticFeatures.Rows(10_000, 2048, seed: 3);
        _featuresB = SyntheticFeatures.Rows(10_000, 2048, seed: 4, shift: 0.1f);
    }

    [Benchmark(Description = "pixel JSD, 10k vs 10k SAT-4 images")]
    public double PixelJsd() => _ml.QGan().Evaluators.ComputePixelJsd(_imagesA, _imagesB).Mean;

    [Benchmark(Description = "feature JSD, 10k vs 10k x 2048, 64 bins")]
    public double FeatureJsd() => _ml.QGan().Evaluators.ComputeFeatureJsd(_featuresA, _featuresB).Mean;
}
