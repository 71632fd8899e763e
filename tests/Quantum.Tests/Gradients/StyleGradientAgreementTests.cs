using QGan.MLNet.Quantum.Gradients;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Quantum.Tests.Style;

namespace QGan.MLNet.Quantum.Tests.Gradients;

/// <summary>
/// The three gradient methods are independent: the adjoint sweep, the parameter-shift rule (circuit evaluations
/// only) and central finite differences of the raw inputs. They must agree for weights, biases and noise.
/// </summary>
public sealed class StyleGradientAgreementTests
{
    public static TheoryData<int, int, int, int, Readout> Configurations() => new()
    {
        { 2, 1, 2, 3, Readout.ZX },
        { 3, 2, 3, 2, Readout.ZX },
        { 4, 2, 5, 2, Readout.Z },
        { 5, 1, 3, 2, Readout.XYZ },
        { 6, 1, 4, 2, Readout.ZX },
        { 3, 0, 2, 2, Readout.XYZ },
        { 1, 0, 1, 2, Readout.ZX },
        { 2, 0, 5, 2, Readout.Z },
        { 12, 1, 12, 1, Readout.ZX },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Adjoint_equals_parameter_shift(int qubits, int layers, int latentDim, int batch, Readout readout)
    {
        var inst = RandomStyleInstance.Create(qubits, layers, latentDim, batch, seed: 17 * qubits + layers, readout);
        var generator = new StyleGenerator(inst.Architecture, 2);
        var adjoint = generator.Backward(inst.Weights, inst.Biases, inst.Noise, inst.OutputGradients, GradientMethod.Adjoint);
        var shift = generator.Backward(inst.Weights, inst.Biases, inst.Noise, inst.OutputGradients, GradientMethod.ParameterShift);

        GradientAssert.Close(shift.Outputs, adjoint.Outputs, 1e-12, 0, "outputs");
        GradientAssert.Close(shift.Weights, adjoint.Weights, 1e-10, 0, "weights");
        GradientAssert.Close(shift.Biases, adjoint.Biases, 1e-10, 0, "biases");
        GradientAssert.Close(shift.Noise, adjoint.Noise, 1e-10, 0, "noise");
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Adjoint_and_parameter_shift_agree_with_finite_differences(int qubits, int layers, int latentDim, int batch, Readout readout)
    {
        var inst = RandomStyleInstance.Create(qubits, layers, latentDim, batch, seed: 31 * qubits + layers, readout);
        var generator = new StyleGenerator(inst.Architecture, 2);
        var fd = generator.Backward(inst.Weights, inst.Biases, inst.Noise, inst.OutputGradients, GradientMethod.FiniteDifference);
        foreach (var method in new[] { GradientMethod.Adjoint, GradientMethod.ParameterShift })
        {
            var exact = generator.Backward(inst.Weights, inst.Biases, inst.Noise, inst.OutputGradients, method);
            GradientAssert.Close(fd.Weights, exact.Weights, 1e-9, 1e-6, $"{method} weights");
            GradientAssert.Close(fd.Biases, exact.Biases, 1e-9, 1e-6, $"{method} biases");
            GradientAssert.Close(fd.Noise, exact.Noise, 1e-9, 1e-6, $"{method} noise");
        }
        // Guard against a vacuous comparison: the gradients are not all (near) zero.
        Assert.True(fd.Weights.Max(Math.Abs) > 1e-3);
        Assert.True(fd.Noise.Max(Math.Abs) > 1e-3);
    }

    [Theory]
    [InlineData(3, 2, 3)]
    [InlineData(5, 1, 2)]
    public void Angle_jacobians_agree_across_methods(int qubits, int layers, int latentDim)
    {
        var inst = RandomStyleInstance.Create(qubits, layers, latentDim, 1, seed: 5 + qubits);
        var generator = new StyleGenerator(inst.Architecture, 1);
        var shift = generator.AngleJacobian(inst.Weights, inst.Biases, inst.Noise, GradientMethod.ParameterShift);
        var adjoint = generator.AngleJacobian(inst.Weights, inst.Biases, inst.Noise, GradientMethod.Adjoint);
        var fd = generator.AngleJacobian(inst.Weights, inst.Biases, inst.Noise, GradientMethod.FiniteDifference);
        Assert.Equal(inst.Architecture.OutputCount * inst.Architecture.EncodedGateCount, shift.Length);
        GradientAssert.Close(shift, adjoint, 1e-10, 0, "adjoint jacobian");
        GradientAssert.Close(fd, shift, 1e-9, 1e-6, "parameter-shift jacobian");
    }

    [Fact]
    public void Parameter_jacobian_matches_finite_differences_of_single_inputs()
    {
        var inst = RandomStyleInstance.Create(3, 1, 2, 1, seed: 12);
        var arch = inst.Architecture;
        var generator = new StyleGenerator(arch, 1);
        var jacobian = generator.ParameterJacobian(inst.Weights, inst.Biases, inst.Noise);
        int gates = arch.EncodedGateCount, outputs = arch.OutputCount;
        const double h = 1e-5;
        double[] Central(double[] values, int index, Func<double[], double[]> f)
        {
            var plus = (double[])values.Clone();
            var minus = (double[])values.Clone();
            plus[index] += h;
            minus[index] -= h;
            var yp = f(plus);
            var ym = f(minus);
            return yp.Select((y, k) => (y - ym[k]) / (2 * h)).ToArray();
        }
        foreach (int g in new[] { 0, 5, gates - 1 })
        {
            var dw = Central(inst.Weights, g, w => generator.Forward(w, inst.Biases, inst.Noise));
            var db = Central(inst.Biases, g, b => generator.Forward(inst.Weights, b, inst.Noise));
            GradientAssert.Close(dw, Enumerable.Range(0, outputs).Select(k => jacobian.Weights[k * gates + g]).ToArray(), 1e-9, 1e-6, $"d y / d w[{g}]");
            GradientAssert.Close(db, Enumerable.Range(0, outputs).Select(k => jacobian.Biases[k * gates + g]).ToArray(), 1e-9, 1e-6, $"d y / d b[{g}]");
        }
        for (int d = 0; d < arch.LatentDim; d++)
        {
            var dz = Central(inst.Noise, d, z => generator.Forward(inst.Weights, inst.Biases, z));
            GradientAssert.Close(dz, Enumerable.Range(0, outputs).Select(k => jacobian.Noise[k * arch.LatentDim + d]).ToArray(), 1e-9, 1e-6, $"d y / d z[{d}]");
        }
    }

    [Fact]
    public void Vjp_is_the_transposed_jacobian_applied_to_the_output_gradient()
    {
        var inst = RandomStyleInstance.Create(4, 2, 3, 2, seed: 99);
        var arch = inst.Architecture;
        var generator = new StyleGenerator(arch, 1);
        var vjp = generator.Backward(inst.Weights, inst.Biases, inst.Noise, inst.OutputGradients);
        int gates = arch.EncodedGateCount, outputs = arch.OutputCount, latent = arch.LatentDim;
        var weights = new double[gates];
        var biases = new double[gates];
        for (int b = 0; b < inst.Batch; b++)
        {
            var z = inst.NoiseRow(b);
            var jacobian = generator.AngleJacobian(inst.Weights, inst.Biases, z);
            var noise = new double[latent];
            for (int g = 0; g < gates; g++)
            {
                double dAngle = 0;
                for (int k = 0; k < outputs; k++)
                {
                    dAngle += inst.OutputGradients[b * outputs + k] * jacobian[k * gates + g];
                }
                weights[g] += dAngle * z[g % latent];
                biases[g] += dAngle;
                noise[g % latent] += dAngle * inst.Weights[g];
            }
            GradientAssert.Close(noise, vjp.Noise.AsSpan(b * latent, latent).ToArray(), 1e-10, 0, $"noise row {b}");
        }
        GradientAssert.Close(weights, vjp.Weights, 1e-10, 0, "weights");
        GradientAssert.Close(biases, vjp.Biases, 1e-10, 0, "biases");
    }
}

internal static class GradientAssert
{
    /// <summary>|expected - actual| &lt;= absolute + relative |expected|, element by element.</summary>
    public static void Close(double[] expected, double[] actual, double absolute, double relative, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double bound = absolute + relative * Math.Abs(expected[i]);
            Assert.True(Math.Abs(expected[i] - actual[i]) <= bound,
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (difference {Math.Abs(expected[i] - actual[i]):E2} > {bound:E2})");
        }
    }
}
