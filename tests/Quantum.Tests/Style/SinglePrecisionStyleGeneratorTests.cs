using QGan.MLNet.Quantum.Gradients;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Quantum.Tests.Gradients;

namespace QGan.MLNet.Quantum.Tests.Style;

/// <summary>
/// <see cref="SimulationPrecision.Single"/> against the independent fixtures and against double precision: outputs
/// and adjoint gradients (weights, biases, noise) agree to float accuracy, on every readout and on the paper's size.
/// </summary>
public sealed class SinglePrecisionStyleGeneratorTests
{
    private static StyleGenerator Single(StyleArchitecture arch, int threads) =>
        new(arch, threads) { Precision = SimulationPrecision.Single };

    public static TheoryData<int> StyleCases()
    {
        var data = new TheoryData<int>();
        foreach (int index in ReferenceCircuits.IndexList("style"))
        {
            data.Add(index);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(StyleCases))]
    public void Reproduces_the_style_fixtures_to_float_accuracy(int caseIndex)
    {
        var c = ReferenceCircuits.Case(caseIndex);
        var arch = new StyleArchitecture(c.GetProperty("qubits").GetInt32(), c.GetProperty("layers").GetInt32(),
            c.GetProperty("latent_dim").GetInt32());
        var outputs = Single(arch, 2).Forward(c.Doubles("weights"), c.Doubles("biases"), c.Doubles("noise"));

        GradientAssert.Close(c.Doubles("generator_output"), outputs, 2e-5, 0, $"case {caseIndex} outputs");
    }

    public static TheoryData<int, int, int, int, Readout> Configurations() => new()
    {
        { 2, 1, 2, 3, Readout.ZX },
        { 4, 2, 5, 2, Readout.Z },
        { 5, 1, 3, 2, Readout.XYZ },
        { 6, 3, 4, 2, Readout.ZX },
        { 3, 0, 2, 2, Readout.XYZ },
        { 12, 8, 12, 3, Readout.ZX },
        { 12, 2, 12, 2, Readout.XYZ },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Outputs_and_adjoint_gradients_agree_with_double(int qubits, int layers, int latentDim, int batch, Readout readout)
    {
        var inst = RandomStyleInstance.Create(qubits, layers, latentDim, batch, seed: 7 * qubits + layers, readout);
        var exact = new StyleGenerator(inst.Architecture, 2)
            .Backward(inst.Weights, inst.Biases, inst.Noise, inst.OutputGradients, GradientMethod.Adjoint);
        var single = Single(inst.Architecture, 2)
            .Backward(inst.Weights, inst.Biases, inst.Noise, inst.OutputGradients, GradientMethod.Adjoint);

        // Float rounding grows with the number of gates and the batch sum: bound relative to the largest entry.
        GradientAssert.Close(exact.Outputs, single.Outputs, 2e-5, 0, "outputs");
        GradientAssert.Close(exact.Weights, single.Weights, 1e-4 * Scale(exact.Weights), 0, "weights");
        GradientAssert.Close(exact.Biases, single.Biases, 1e-4 * Scale(exact.Biases), 0, "biases");
        GradientAssert.Close(exact.Noise, single.Noise, 1e-4 * Scale(exact.Noise), 0, "noise");
        // Not vacuous: the gradients are not all (near) zero, and with layers the state really was float.
        Assert.True(exact.Weights.Max(Math.Abs) > 1e-3);
        if (layers > 0)
        {
            Assert.NotEqual(exact.Outputs, single.Outputs);
        }
    }

    [Fact]
    public void Parameter_shift_in_single_precision_agrees_with_its_adjoint()
    {
        var inst = RandomStyleInstance.Create(5, 2, 4, 2, seed: 3, Readout.ZX);
        var generator = Single(inst.Architecture, 1);
        var adjoint = generator.Backward(inst.Weights, inst.Biases, inst.Noise, inst.OutputGradients, GradientMethod.Adjoint);
        var shift = generator.Backward(inst.Weights, inst.Biases, inst.Noise, inst.OutputGradients, GradientMethod.ParameterShift);

        GradientAssert.Close(shift.Weights, adjoint.Weights, 1e-4 * Scale(shift.Weights), 0, "weights");
        GradientAssert.Close(shift.Noise, adjoint.Noise, 1e-4 * Scale(shift.Noise), 0, "noise");
    }

    [Fact]
    public void Results_do_not_depend_on_the_thread_count()
    {
        var inst = RandomStyleInstance.Create(8, 3, 6, 7, seed: 11);
        var results = new[] { 1, 2, 3 }
            .Select(t => Single(inst.Architecture, t).Backward(inst.Weights, inst.Biases, inst.Noise, inst.OutputGradients))
            .ToArray();

        foreach (var r in results.Skip(1))
        {
            Assert.Equal(results[0].Outputs, r.Outputs);
            Assert.Equal(results[0].Weights, r.Weights);
            Assert.Equal(results[0].Noise, r.Noise);
        }
    }

    [Fact]
    public void An_unknown_precision_is_rejected()
    {
        var arch = new StyleArchitecture(2, 1, 2);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StyleGenerator(arch) { Precision = (SimulationPrecision)7 });
        Assert.Equal("Precision", error.ParamName);
    }

    private static double Scale(double[] values) => Math.Max(values.Max(Math.Abs), 1e-3);
}
