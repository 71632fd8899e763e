using BenchmarkDotNet.Attributes;
using QGan.MLNet.Quantum.Style;

namespace QGan.MLNet.Benchmarks.Quantum;

/// <summary>
/// The paper's generator size: 12 qubits, 8 style layers (G = 5 n L + n = 492 encoded rotation gates), a batch of
/// 256 noise rows, on 1 and 2 threads, with the state in double (the default) and in single precision. One operation = one batch. Derived figures (see docs/quantum-engine.md):
/// samples/s = 256 / time; ns per amplitude per rotation gate = time[ns] * threads / (256 * 2^12 * 492).
/// </summary>
// Min and median as well as the mean: on a shared machine the minimum is the least disturbed figure.
[SimpleJob(warmupCount: 2, iterationCount: 12)]
[MinColumn]
[MedianColumn]
[MemoryDiagnoser]
public class StyleGeneratorBenchmarks
{
    public const int Qubits = 12;
    public const int Layers = 8;
    public const int LatentDim = 12;
    public const int Batch = 256;

    private StyleGenerator _generator = null!;
    private double[] _weights = null!, _biases = null!, _noise = null!, _outputs = null!, _outputGradients = null!;
    private double[] _weightGradients = null!, _biasGradients = null!, _noiseGradients = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    [Params(SimulationPrecision.Double, SimulationPrecision.Single)]
    public SimulationPrecision Precision { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var arch = new StyleArchitecture(Qubits, Layers, LatentDim);
        _generator = new StyleGenerator(arch, Threads) { Precision = Precision };
        var rng = new Random(42);
        double[] Uniform(int count, double scale) => Enumerable.Range(0, count).Select(_ => scale * (2 * rng.NextDouble() - 1)).ToArray();
        _weights = Uniform(arch.EncodedGateCount, Math.PI);
        _biases = Uniform(arch.EncodedGateCount, Math.PI);
        _noise = Uniform(Batch * LatentDim, 1);
        _outputGradients = Uniform(Batch * arch.OutputCount, 1);
        _outputs = new double[Batch * arch.OutputCount];
        _weightGradients = new double[arch.EncodedGateCount];
        _biasGradients = new double[arch.EncodedGateCount];
        _noiseGradients = new double[Batch * LatentDim];
        // Warm the per-thread runners so the measured calls reuse them.
        _generator.Forward(_weights, _biases, _noise, _outputs);
    }

    [Benchmark]
    public void Forward() => _generator.Forward(_weights, _biases, _noise, _outputs);

    [Benchmark]
    public void ForwardAndVjp() => _generator.Backward(_weights, _biases, _noise, _outputGradients,
        _weightGradients, _biasGradients, _noiseGradients, outputs: _outputs);
}
