using BenchmarkDotNet.Attributes;
using QGan.MLNet.Transforms.Evaluation;

namespace QGan.MLNet.Benchmarks.Evaluation;

/// <summary>
/// FID on 2048-d features (the Inception pool size) with 10k samples per set:
/// covariance accumulation of one set, the Fréchet distance from two sets of moments (pivoted Cholesky of S1,
/// R S2 R^T, eigenvalues only), and both together end to end. Threads: all cores, or <c>DOTNET_PROCESSOR_COUNT</c>
/// (the numpy comparison in bench/fid-numpy runs both at the same thread count).
/// <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- --filter '*FrechetDistanceBenchmarks*'</c>
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class FrechetDistanceBenchmarks
{
    private float[][] _a = [];
    private float[][] _b = [];
    private GaussianMoments _ma = null!;
    private GaussianMoments _mb = null!;

    [Params(2048)]
    public int Dimension { get; set; }

    [Params(10_000)]
    public int Samples { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _a = SyntheticFeatures.Rows(Samples, Dimension, seed: 1);
        _b = SyntheticFeatures.Rows(Samples, Dimension, seed: 2, shift: 0.1f);
        _ma = GaussianMoments.FromRows(_a, "a");
        _mb = GaussianMoments.FromRows(_b, "b");
    }

    [Benchmark(Description = "mean + covariance of one set")]
    public GaussianMoments Covariance() => GaussianMoments.FromRows(_a, "a");

    [Benchmark(Description = "Fréchet distance from moments (Cholesky + eigenvalues)")]
    public double FrechetFromMoments() => FrechetDistance.Compute(_ma, _mb).Value;

    [Benchmark(Description = "FID end to end (2 covariances + distance)")]
    public double EndToEnd() => FrechetDistance.Compute(_a, _b);
}
