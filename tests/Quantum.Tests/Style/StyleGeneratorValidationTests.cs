using QGan.MLNet.Quantum.Gradients;
using QGan.MLNet.Quantum.Style;

namespace QGan.MLNet.Quantum.Tests.Style;

/// <summary>Bad shapes and non-finite values are rejected before any work, naming the argument and the index.</summary>
public sealed class StyleGeneratorValidationTests
{
    private readonly RandomStyleInstance _inst = RandomStyleInstance.Create(3, 1, 2, batch: 2, seed: 1);
    private readonly StyleGenerator _generator;

    public StyleGeneratorValidationTests() => _generator = new StyleGenerator(_inst.Architecture, 2);

    [Fact]
    public void Wrong_parameter_counts_name_the_argument()
    {
        var e = Assert.Throws<ArgumentException>(() => _generator.Forward(_inst.Weights[1..], _inst.Biases, _inst.Noise));
        Assert.Equal("weights", e.ParamName);
        Assert.Contains("expected 18", e.Message);
        Assert.Equal("biases", Assert.Throws<ArgumentException>(() => _generator.Forward(_inst.Weights, [.. _inst.Biases, 0], _inst.Noise)).ParamName);
    }

    [Fact]
    public void Noise_of_the_wrong_shape_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => _generator.Forward(_inst.Weights, _inst.Biases, new double[5]));
        Assert.Equal("noise", e.ParamName);
        Assert.Contains("multiple of the latent dimension 2", e.Message);
        Assert.Equal("noise", Assert.Throws<ArgumentException>(() => _generator.Forward(_inst.Weights, _inst.Biases, [])).ParamName);
        Assert.Equal("outputs", Assert.Throws<ArgumentException>(() =>
            _generator.Forward(_inst.Weights, _inst.Biases, _inst.Noise, new double[5])).ParamName);
        Assert.Equal("noiseSample", Assert.Throws<ArgumentException>(() =>
            _generator.AngleJacobian(_inst.Weights, _inst.Biases, _inst.Noise)).ParamName);
    }

    [Fact]
    public void Non_finite_values_are_reported_with_their_index()
    {
        var w = (double[])_inst.Weights.Clone();
        w[7] = double.NaN;
        var e = Assert.Throws<ArgumentException>(() => _generator.Forward(w, _inst.Biases, _inst.Noise));
        Assert.Equal("weights", e.ParamName);
        Assert.Contains("weights[7]", e.Message);

        var b = (double[])_inst.Biases.Clone();
        b[0] = double.PositiveInfinity;
        Assert.Contains("biases[0]", Assert.Throws<ArgumentException>(() => _generator.Forward(_inst.Weights, b, _inst.Noise)).Message);

        var z = (double[])_inst.Noise.Clone();
        z[3] = double.NegativeInfinity;
        var ez = Assert.Throws<ArgumentException>(() => _generator.Forward(_inst.Weights, _inst.Biases, z));
        Assert.Equal("noise", ez.ParamName);
        Assert.Contains("noise[1, 1]", ez.Message);

        var g = (double[])_inst.OutputGradients.Clone();
        g[^1] = double.NaN;
        var eg = Assert.Throws<ArgumentException>(() => _generator.Backward(_inst.Weights, _inst.Biases, _inst.Noise, g));
        Assert.Equal("outputGradients", eg.ParamName);
        Assert.Contains("outputGradients[1, 5]", eg.Message);
    }

    [Fact]
    public void Overflowing_angles_are_reported_with_gate_and_row()
    {
        var w = (double[])_inst.Weights.Clone();
        w[4] = 1e308;
        var z = (double[])_inst.Noise.Clone();
        z[2] = 10; // row 1, column 0: gate 4 uses noise column 4 mod 2 = 0
        var e = Assert.Throws<ArgumentException>(() => _generator.Forward(w, _inst.Biases, z));
        Assert.Contains("encoded gate 4 for noise row 1", e.Message);
    }

    [Fact]
    public void Wrong_gradient_buffer_sizes_name_the_argument()
    {
        int gates = _inst.Architecture.EncodedGateCount;
        var dw = new double[gates];
        var db = new double[gates];
        var dz = new double[_inst.Noise.Length];
        Assert.Equal("weightGradients", Assert.Throws<ArgumentException>(() => _generator.Backward(_inst.Weights, _inst.Biases, _inst.Noise,
            _inst.OutputGradients, new double[1], db, dz)).ParamName);
        Assert.Equal("noiseGradients", Assert.Throws<ArgumentException>(() => _generator.Backward(_inst.Weights, _inst.Biases, _inst.Noise,
            _inst.OutputGradients, dw, db, new double[1])).ParamName);
        Assert.Equal("outputGradients", Assert.Throws<ArgumentException>(() => _generator.Backward(_inst.Weights, _inst.Biases, _inst.Noise,
            new double[3], dw, db, dz)).ParamName);
        Assert.Equal("method", Assert.ThrowsAny<ArgumentException>(() => _generator.Backward(_inst.Weights, _inst.Biases, _inst.Noise,
            _inst.OutputGradients, dw, db, dz, (GradientMethod)42)).ParamName);
    }
}
