using System.Text.Json;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Tests.Shared;
using QGan.MLNet.Trainers.Gan.Quantum;
using TorchSharp;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Tests.Gan;

/// <summary>
/// The TorchSharp module against the independent "style" cases of <c>tests/fixtures/quantum/reference-circuits.json</c>
/// (weights, biases, noise and the expected [Z.., X..] readout, computed outside this project): float64 path to
/// 1e-10, float32 parameters and outputs to 1e-6.
/// </summary>
public sealed class QuantumGeneratorFixtureTests
{
    public static TheoryData<int> StyleCases()
    {
        var data = new TheoryData<int>();
        var cases = Fixture().RootElement.GetProperty("cases");
        for (int i = 0; i < cases.GetArrayLength(); i++)
        {
            if (cases[i].GetProperty("kind").GetString() == "style")
            {
                data.Add(i);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(StyleCases))]
    public void Module_forward_reproduces_the_fixture_readout(int index)
    {
        var c = Fixture().RootElement.GetProperty("cases")[index];
        var arch = new StyleArchitecture(c.GetProperty("qubits").GetInt32(), c.GetProperty("layers").GetInt32(), c.GetProperty("latent_dim").GetInt32());
        var (w, b, z, expected) = (Doubles(c, "weights"), Doubles(c, "biases"), Doubles(c, "noise"), Doubles(c, "generator_output"));
        using var scope = torch.NewDisposeScope();
        using var exact = QuantumGeneratorTests.Generator(arch, w, b, ScalarType.Float64);
        using var single = QuantumGeneratorTests.Generator(arch, w, b, ScalarType.Float32);

        var outExact = exact.forward(torch.tensor(z, [1, arch.LatentDim], ScalarType.Float64)).data<double>().ToArray();
        var outSingle = single.forward(torch.tensor(z.Select(v => (float)v).ToArray(), [1, arch.LatentDim])).data<float>().ToArray();

        Assert.Equal(expected.Length, outExact.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.True(Math.Abs(expected[k] - outExact[k]) < 1e-10, $"float64 output {k}: expected {expected[k]}, got {outExact[k]}");
            // float32 rounds the inputs (angles shift by ~1e-7 x |w z|) and the outputs.
            Assert.True(Math.Abs(expected[k] - outSingle[k]) < 1e-5, $"float32 output {k}: expected {expected[k]}, got {outSingle[k]}");
        }
    }

    private static JsonDocument Fixture() => JsonDocument.Parse(File.ReadAllText(Fixtures.Path("quantum", "reference-circuits.json")));

    private static double[] Doubles(JsonElement c, string name) => c.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
