using QGan.MLNet.Quantum.State;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Trainers.Gan.Quantum;
using TorchSharp;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Tests.Gan;

/// <summary>
/// The TorchSharp quantum generator against the independent reference path
/// (<see cref="StyleArchitecture.BuildCircuit"/> + <see cref="StateVector"/>): forward values, and the adjoint
/// backward against central finite differences of the reference forward.
/// </summary>
public sealed class QuantumGeneratorTests
{
    public static TheoryData<int, int, int, Readout, string> Architectures => new()
    {
        { 4, 2, 3, Readout.ZX, "simd" },
        { 3, 1, 5, Readout.XYZ, "simd" },
        { 5, 1, 2, Readout.Z, "simd" },
        { 2, 0, 1, Readout.ZX, "simd" },
        { 4, 2, 3, Readout.ZX, "reference" },
        { 3, 1, 5, Readout.XYZ, "reference" },
        { 4, 2, 3, Readout.ZX, "parameter-shift" },
    };

    private static IStyleCircuitBackend Backend(StyleArchitecture arch, string name) => name switch
    {
        "simd" => new SimdStyleBackend(arch),
        "reference" => new ReferenceStyleBackend(arch),
        "parameter-shift" => new SimdStyleBackend(arch, QGan.MLNet.Quantum.Gradients.GradientMethod.ParameterShift),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Float64_forward_equals_the_reference_statevector(int qubits, int layers, int noiseDim, Readout readout, string backend)
    {
        var arch = new StyleArchitecture(qubits, layers, noiseDim, readout);
        var (w, b, z) = RandomInputs(arch, batch: 3, seed: 11);
        using var scope = torch.NewDisposeScope();
        using var generator = Generator(arch, w, b, ScalarType.Float64, Backend(arch, backend));

        var output = generator.forward(torch.tensor(z, [3, noiseDim], ScalarType.Float64)).data<double>().ToArray();

        for (int row = 0; row < 3; row++)
        {
            var expected = Reference(arch, w, b, z.AsSpan(row * noiseDim, noiseDim));
            for (int k = 0; k < arch.OutputCount; k++)
            {
                Assert.Equal(expected[k], output[row * arch.OutputCount + k], 1e-12);
            }
        }
    }

    [Fact]
    public void Float32_forward_matches_the_reference_to_1e6()
    {
        var arch = new StyleArchitecture(4, 2, 3, Readout.ZX);
        var (w, b, z) = RandomInputs(arch, batch: 4, seed: 5);
        // The float32 module sees the parameters rounded to float; the reference uses the same rounded values.
        var wf = w.Select(v => (double)(float)v).ToArray();
        var bf = b.Select(v => (double)(float)v).ToArray();
        var zf = z.Select(v => (double)(float)v).ToArray();
        using var scope = torch.NewDisposeScope();
        using var generator = Generator(arch, w, b, ScalarType.Float32);

        var output = generator.forward(torch.tensor(z.Select(v => (float)v).ToArray(), [4, 3])).data<float>().ToArray();

        Assert.Equal(ScalarType.Float32, generator.Weights.dtype);
        for (int row = 0; row < 4; row++)
        {
            var expected = Reference(arch, wf, bf, zf.AsSpan(row * 3, 3));
            for (int k = 0; k < arch.OutputCount; k++)
            {
                Assert.Equal(expected[k], output[row * arch.OutputCount + k], 1e-6);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Backward_equals_finite_differences_of_the_reference(int qubits, int layers, int noiseDim, Readout readout, string backend)
    {
        var arch = new StyleArchitecture(qubits, layers, noiseDim, readout);
        const int batch = 2;
        var (w, b, z) = RandomInputs(arch, batch, seed: 23);
        var rng = new Random(99);
        var upstream = Enumerable.Range(0, batch * arch.OutputCount).Select(_ => rng.NextDouble() * 2 - 1).ToArray();

        using var scope = torch.NewDisposeScope();
        using var generator = Generator(arch, w, b, ScalarType.Float64, Backend(arch, backend));
        var noise = torch.tensor(z, [batch, noiseDim], ScalarType.Float64).requires_grad_(true);
        var loss = (generator.forward(noise) * torch.tensor(upstream, [batch, arch.OutputCount], ScalarType.Float64)).sum();
        loss.backward();
        var gradW = generator.Weights.grad!.data<double>().ToArray();
        var gradB = generator.Biases.grad!.data<double>().ToArray();
        var gradZ = noise.grad!.data<double>().ToArray();

        // Loss as a function of every input, evaluated with the reference simulator only.
        double Loss(double[] ww, double[] bb, double[] zz)
        {
            double sum = 0;
            for (int row = 0; row < batch; row++)
            {
                var o = Reference(arch, ww, bb, zz.AsSpan(row * noiseDim, noiseDim));
                for (int k = 0; k < o.Length; k++)
                {
                    sum += upstream[row * arch.OutputCount + k] * o[k];
                }
            }
            return sum;
        }

        AssertFiniteDifferences(gradW, w, v => Loss(v, b, z), "weights");
        AssertFiniteDifferences(gradB, b, v => Loss(w, v, z), "biases");
        AssertFiniteDifferences(gradZ, z, v => Loss(w, b, v), "noise");
    }

    [Fact]
    public void Paper_size_12_qubit_generator_matches_the_reference_forward_and_the_reference_adjoint_backend()
    {
        var arch = new StyleArchitecture(12, 2, 12, Readout.ZX);
        const int batch = 2;
        var (w, b, z) = RandomInputs(arch, batch, seed: 31);
        var upstream = Enumerable.Range(0, batch * 24).Select(i => Math.Sin(i + 1.0)).ToArray();
        var simd = new SimdStyleBackend(arch);
        var reference = new ReferenceStyleBackend(arch);
        var outputs = new double[batch * 24];
        simd.Forward(w, b, z, batch, outputs);
        var (gw, gb, gz) = (new double[arch.EncodedGateCount], new double[arch.EncodedGateCount], new double[batch * 12]);
        var (rw, rb, rz) = (new double[arch.EncodedGateCount], new double[arch.EncodedGateCount], new double[batch * 12]);

        simd.Backward(w, b, z, batch, upstream, gw, gb, gz);
        reference.Backward(w, b, z, batch, upstream, rw, rb, rz);

        for (int row = 0; row < batch; row++)
        {
            var expected = Reference(arch, w, b, z.AsSpan(row * 12, 12));
            for (int k = 0; k < 24; k++)
            {
                Assert.Equal(expected[k], outputs[row * 24 + k], 1e-12);
            }
        }
        for (int g = 0; g < arch.EncodedGateCount; g++)
        {
            Assert.Equal(rw[g], gw[g], 1e-10);
            Assert.Equal(rb[g], gb[g], 1e-10);
        }
        for (int i = 0; i < gz.Length; i++)
        {
            Assert.Equal(rz[i], gz[i], 1e-10);
        }
    }

    [Fact]
    public void Single_precision_backend_agrees_with_the_reference_backend_to_float_accuracy()
    {
        var arch = new StyleArchitecture(12, 2, 12, Readout.ZX);
        const int batch = 3;
        var (w, b, z) = RandomInputs(arch, batch, seed: 41);
        var upstream = Enumerable.Range(0, batch * 24).Select(i => Math.Cos(i + 0.5)).ToArray();
        var single = new SimdStyleBackend(arch, precision: SimulationPrecision.Single);
        var reference = new ReferenceStyleBackend(arch);
        var (outputs, expected) = (new double[batch * 24], new double[batch * 24]);
        var (gw, gb, gz) = (new double[arch.EncodedGateCount], new double[arch.EncodedGateCount], new double[batch * 12]);
        var (rw, rb, rz) = (new double[arch.EncodedGateCount], new double[arch.EncodedGateCount], new double[batch * 12]);

        single.Forward(w, b, z, batch, outputs);
        reference.Forward(w, b, z, batch, expected);
        single.Backward(w, b, z, batch, upstream, gw, gb, gz);
        reference.Backward(w, b, z, batch, upstream, rw, rb, rz);

        Assert.Equal("simd-adjoint-single", single.Name);
        Assert.Equal(SimulationPrecision.Single, single.Precision);
        for (int k = 0; k < outputs.Length; k++)
        {
            Assert.Equal(expected[k], outputs[k], 2e-5);
        }
        double scale = rw.Concat(rb).Concat(rz).Max(Math.Abs);
        Assert.True(scale > 1e-2);
        for (int g = 0; g < arch.EncodedGateCount; g++)
        {
            Assert.Equal(rw[g], gw[g], 1e-4 * scale);
            Assert.Equal(rb[g], gb[g], 1e-4 * scale);
        }
        for (int i = 0; i < gz.Length; i++)
        {
            Assert.Equal(rz[i], gz[i], 1e-4 * scale);
        }
    }

    [Fact]
    public void Parameters_are_the_weights_and_biases_with_10nL_plus_2n_entries()
    {
        var arch = new StyleArchitecture(12, 2, 12, Readout.ZX);
        using var generator = new QuantumGenerator(arch);

        Assert.Equal(10 * 12 * 2 + 2 * 12, generator.ParameterCount);
        Assert.Equal(generator.ParameterCount, generator.parameters().Sum(p => p.numel()));
        Assert.Equal(["weights", "biases"], generator.named_parameters().Select(p => p.name).ToArray());
        Assert.Equal(24, generator.OutputDimension);
    }

    [Fact]
    public void Initialisation_is_uniform_within_the_requested_range()
    {
        torch.manual_seed(3);
        using var generator = new QuantumGenerator(new StyleArchitecture(6, 3, 4), initRange: 0.1);

        foreach (var p in new[] { generator.Weights, generator.Biases })
        {
            var values = p.data<float>().ToArray();
            Assert.All(values, v => Assert.InRange(v, -0.1f, 0.1f));
            Assert.True(values.Max() - values.Min() > 0.1f, "values should spread over the range, not be constant");
        }
    }

    [Fact]
    public void Wrong_noise_width_is_rejected_with_the_expected_shape()
    {
        using var generator = new QuantumGenerator(new StyleArchitecture(3, 1, 4));
        using var scope = torch.NewDisposeScope();

        var ex = Assert.ThrowsAny<Exception>(() => generator.forward(torch.zeros(2, 3)));
        Assert.Contains("[batch, 4]", ex.Message);
    }

    private static void AssertFiniteDifferences(double[] analytic, double[] point, Func<double[], double> f, string what)
    {
        const double h = 1e-5;
        Assert.Equal(point.Length, analytic.Length);
        for (int i = 0; i < point.Length; i++)
        {
            var plus = (double[])point.Clone();
            var minus = (double[])point.Clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (f(plus) - f(minus)) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[i]) < 1e-7, $"{what}[{i}]: adjoint {analytic[i]}, finite difference {numeric}");
        }
    }

    internal static QuantumGenerator Generator(StyleArchitecture arch, double[] w, double[] b, ScalarType dtype, IStyleCircuitBackend? backend = null)
    {
        var generator = new QuantumGenerator(arch, backend: backend, dtype: dtype);
        using (torch.no_grad())
        {
            generator.Weights.copy_(torch.tensor(w, ScalarType.Float64));
            generator.Biases.copy_(torch.tensor(b, ScalarType.Float64));
        }
        return generator;
    }

    internal static (double[] W, double[] B, double[] Z) RandomInputs(StyleArchitecture arch, int batch, int seed)
    {
        var rng = new Random(seed);
        double U(double r) => (rng.NextDouble() * 2 - 1) * r;
        var w = Enumerable.Range(0, arch.EncodedGateCount).Select(_ => U(1.5)).ToArray();
        var b = Enumerable.Range(0, arch.EncodedGateCount).Select(_ => U(Math.PI)).ToArray();
        var z = Enumerable.Range(0, batch * arch.LatentDim).Select(_ => U(1.0)).ToArray();
        return (w, b, z);
    }

    internal static double[] Reference(StyleArchitecture arch, double[] w, double[] b, ReadOnlySpan<double> z)
    {
        var state = new StateVector(arch.Qubits);
        state.Apply(arch.BuildCircuit(w, b, z));
        int n = arch.Qubits;
        var zs = Enumerable.Range(0, n).Select(state.ExpectationZ);
        var xs = Enumerable.Range(0, n).Select(state.ExpectationX);
        var ys = Enumerable.Range(0, n).Select(state.ExpectationY);
        return arch.Readout switch
        {
            Readout.ZX => [.. zs, .. xs],
            Readout.Z => [.. zs],
            Readout.XYZ => [.. xs, .. ys, .. zs],
            _ => throw new ArgumentOutOfRangeException(nameof(arch)),
        };
    }
}
