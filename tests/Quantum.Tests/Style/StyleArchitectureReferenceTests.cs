using System.Text.Json;
using QGan.MLNet.Quantum.State;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Tests.Shared;

namespace QGan.MLNet.Quantum.Tests.Style;

/// <summary>The reference (single-state) path reproduces the independent style-generator fixtures.</summary>
public sealed class StyleArchitectureReferenceTests
{
    public static TheoryData<int> StyleCases()
    {
        var data = new TheoryData<int>();
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixtures.Path("quantum", "reference-circuits.json")));
        int i = 0;
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            if (c.GetProperty("kind").GetString() == "style")
            {
                data.Add(i);
            }
            i++;
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(StyleCases))]
    public void Reference_statevector_matches_fixture_readout(int caseIndex)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixtures.Path("quantum", "reference-circuits.json")));
        var c = doc.RootElement.GetProperty("cases")[caseIndex];
        var arch = new StyleArchitecture(c.GetProperty("qubits").GetInt32(), c.GetProperty("layers").GetInt32(), c.GetProperty("latent_dim").GetInt32());
        double[] Read(string key) => c.GetProperty(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();

        var circuit = arch.BuildCircuit(Read("weights"), Read("biases"), Read("noise"));
        var state = new StateVector(arch.Qubits);
        state.Apply(circuit);

        var expected = Read("generator_output");
        var actual = Enumerable.Range(0, arch.Qubits).Select(state.ExpectationZ)
            .Concat(Enumerable.Range(0, arch.Qubits).Select(state.ExpectationX)).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-10, $"output {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
