using BenchmarkDotNet.Attributes;
using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Quantum.Sampling;
using QGan.MLNet.Quantum.State;

namespace QGan.MLNet.Benchmarks.Quantum;

/// <summary>
/// Shot sampling on the 12-qubit, 2-layer style state: 10k shots in one basis (alias method, O(1) per shot), the
/// full Z + X estimate, and the counts-only estimator.
/// <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- --filter '*ShotSamplingBenchmarks*'</c>
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 5)]
public class ShotSamplingBenchmarks
{
    private StateVector _state = null!;
    private OutcomeSampler _sampler = null!;
    private ShotEstimate _estimate = null!;
    private long[] _histogram = null!;

    [GlobalSetup]
    public void Setup()
    {
        _state = new StateVector(12);
        _state.Apply(NoiseBenchmarkSetup.StyleCircuit(12, 2));
        _sampler = new OutcomeSampler(OutcomeSampler.Probabilities(_state.Amplitudes));
        _histogram = new long[1 << 12];
        _estimate = ShotEstimator.Estimate(_state, 10_000, 1);
    }

    [Benchmark(Description = "12q: draw 10k shots (prebuilt alias table)")]
    public long Draw_10k()
    {
        Array.Clear(_histogram);
        _sampler.Sample(10_000, new SeededRandom(1), _histogram);
        return _histogram[0];
    }

    [Benchmark(Description = "12q: 10k shots in Z and X, counts + estimates")]
    public double[] Estimate_Z_and_X_10k() => ShotEstimator.Estimate(_state, 10_000, 1).Outputs;

    [Benchmark(Description = "12q: estimator from counts only (Z and X)")]
    public double[] From_counts() => CountsEstimator.StyleOutputs(_estimate.ZCounts, _estimate.XCounts);
}
