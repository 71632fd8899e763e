using QGan.MLNet.Transforms.Onnx;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Tests.Shared;
using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Gan.Quantum;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Trainers.Production;
using TorchSharp;

namespace QGan.MLNet.Trainers.Tests.Production;

/// <summary>
/// The compiled circuit against the independent reference outputs in <c>tests/fixtures/quantum/reference-circuits.json</c>
/// (computed outside this project), for every "style" case: float32 graph, float32 weights, so 1e-5.
/// </summary>
public sealed class CompiledCircuitFixtureTests
{
    public static TheoryData<int> StyleCases()
    {
        var data = new TheoryData<int>();
        var cases = Cases();
        for (int i = 0; i < cases.Length; i++)
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
    public void Compiled_graph_reproduces_the_reference_style_outputs(int index)
    {
        var c = Cases()[index];
        int n = c.GetProperty("qubits").GetInt32(), layers = c.GetProperty("layers").GetInt32(), d = c.GetProperty("latent_dim").GetInt32();
        var arch = new StyleArchitecture(n, layers, d, Readout.ZX);
        var module = new QuantumGenerator(arch);
        using (torch.no_grad())
        {
            module.Weights.copy_(torch.tensor(Floats(c, "weights")));
            module.Biases.copy_(torch.tensor(Floats(c, "biases")));
        }
        using var generator = new TrainedGenerator(module, new GeneratorManifest
        {
            Kind = GeneratorKind.Quantum, LatentDimension = arch.OutputCount, NoiseDimension = d, Qubits = n, Layers = layers,
            Readout = Readout.ZX, GeneratorParameterCount = arch.ParameterCount,
        });
        using var session = new InferenceSession(NoiseToImageExporter.ExportGenerator(generator).ToByteArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("noise", new DenseTensor<float>(Floats(c, "noise"), [1, d]))]);
        var outputs = results.Single().AsTensor<float>().ToArray();

        var expected = c.GetProperty("generator_output").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(expected.Length, outputs.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.True(Math.Abs(expected[k] - outputs[k]) < 1e-5, $"output {k}: expected {expected[k]}, got {outputs[k]}");
        }
    }

    private static JsonElement[] Cases() =>
        [.. JsonDocument.Parse(File.ReadAllText(Fixtures.Path("quantum", "reference-circuits.json"))).RootElement.GetProperty("cases").EnumerateArray()];

    private static float[] Floats(JsonElement c, string name) => c.GetProperty(name).EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
}
