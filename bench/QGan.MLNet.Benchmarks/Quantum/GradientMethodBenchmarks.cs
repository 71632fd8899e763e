using BenchmarkDotNet.Attributes;
using QGan.MLNet.Quantum.Gradients;
using QGan.MLNet.Quantum.Style;

namespace QGan.MLNet.Benchmarks.Quantum;

/// <summary>
/// Cost of one vector-Jacobian product by each method on a mid-size generator (8 qubits, 4 layers, G = 168, batch 8,
/// one thread): the adjoint sweep costs a few forward passes, the parameter-shift rule about 2.4 G of them.
/// </summary>
// Min and median as well as the mean: on a shared machine the minimum is the least disturbed figure.
[SimpleJob(warmupCount: 1, iterationCount: 6)]
[MinColumn]
[MedianColumn]
public class GradientMethodBenchmarks
{
    private StyleGenerator _generator = null!;
    private double[] _weights = null!, _biases = null!, _noise = null!, _outputGradients = null!;
    private double[] _dw = null!, _db = null!, _dz = null!;

    [Params(GradientMethod.Adjoint, GradientMethod.ParameterShift)]
    public GradientMethod Method { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var arch = new StyleArchitecture(8, 4, 8);
        _generator = new StyleGenerator(arch, 1);
        var rng = new Random(3);
        double[] Uniform(int count, double scale) => Enumerable.Range(0, count).Select(_ => scale * (2 * rng.NextDouble() - 1)).ToArray();
        _weights = Uniform(arch.EncodedGateCount, Math.PI);
        _biases = Uniform(arch.EncodedGateCount, Math.PI);
        _noise = Uniform(8 * arch.LatentDim, 1);
        _outputGradients = Uniform(8 * arch.OutputCount, 1);
        _dw = new double[arch.EncodedGateCount];
        _db = new double[arch.EncodedGateCount];
        _dz = new double[_noise.Length];
    }

    [Benchmark]
    public void Vjp() => _generator.Backward(_weights, _biases, _noise, _outputGradients, _dw, _db, _dz, Method);
}
