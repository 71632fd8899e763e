using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Quantum.Parameters;
using QGan.MLNet.Quantum.Sampling;
using QGan.MLNet.Quantum.Style;

namespace QGan.MLNet.Quantum.Tests.Sampling;

public sealed class StyleParametersTests
{
    [Fact]
    public void Seeded_draw_follows_the_documented_order_and_ranges()
    {
        var arch = new StyleArchitecture(3, 2, 2);
        var p = StyleParameters.Random(arch, 77);

        // Replay the documented sequence: G weights, G biases (uniform in [-pi, pi)), then D Gaussians.
        var rng = new SeededRandom(77);
        var expectedWeights = Enumerable.Range(0, arch.EncodedGateCount).Select(_ => -Math.PI + 2 * Math.PI * ((rng.NextUInt64() >> 11) * Math.Pow(2, -53))).ToArray();
        var expectedBiases = Enumerable.Range(0, arch.EncodedGateCount).Select(_ => rng.NextDouble(-Math.PI, Math.PI)).ToArray();
        var expectedNoise = new double[2];
        rng.FillNormal(expectedNoise);

        Assert.Equal(expectedWeights, p.Weights);
        Assert.Equal(expectedBiases, p.Biases);
        Assert.Equal(expectedNoise, p.Noise);
        Assert.All(p.Weights.Concat(p.Biases), v => Assert.InRange(v, -Math.PI, Math.PI));
        Assert.NotEqual(p.Weights, StyleParameters.Random(arch, 78).Weights);
    }

    [Fact]
    public void Params_json_ignores_extra_keys_and_checks_lengths()
    {
        var arch = new StyleArchitecture(2, 1, 1);
        var w = string.Join(", ", Enumerable.Range(0, 12).Select(i => i * 0.1));
        var p = StyleParameters.Parse($$"""{ "qubits": 2, "z": [1, 2], "weights": [{{w}}], "biases": [{{w}}], "noise": [0.25] }""", arch);
        Assert.Equal(1.1, p.Weights[11], 15);
        Assert.Equal([0.25], p.Noise);

        var ex = Assert.Throws<InvalidDataException>(() => StyleParameters.Parse($$"""{ "weights": [{{w}}], "biases": [{{w}}], "noise": [0.25, 1] }""", arch, "p.json"));
        Assert.Equal("p.json: \"noise\" has 2 values, expected 1 (the latent dimension)", ex.Message);
        Assert.Contains("\"biases\"[3] is not a finite number", Assert.Throws<InvalidDataException>(() =>
            StyleParameters.Parse($$"""{ "weights": [{{w}}], "biases": [0, 0, 0, true, 0, 0, 0, 0, 0, 0, 0, 0], "noise": [1] }""", arch)).Message);
    }
}
