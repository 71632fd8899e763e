using System.Text.Json;
using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Tests.Shared;

namespace QGan.MLNet.Quantum.Tests.Noise;

/// <summary>One case of the independent reference-circuits fixture, bound to a circuit.</summary>
public sealed record ReferenceCase(int Index, string Kind, Circuit Circuit, double[] Z, double[] X, double[]? Y);

/// <summary>Loads the shared quantum fixture (computed independently with numpy).</summary>
public static class ReferenceCases
{
    private static readonly Lazy<ReferenceCase[]> _all = new(Load);

    public static IReadOnlyList<ReferenceCase> All => _all.Value;

    public static ReferenceCase Get(int index) => _all.Value[index];

    public static TheoryData<int> Indices(string? kind = null)
    {
        var data = new TheoryData<int>();
        foreach (var c in _all.Value.Where(c => kind is null || c.Kind == kind))
        {
            data.Add(c.Index);
        }
        return data;
    }

    /// <summary>The first style case with <paramref name="qubits"/> qubits.</summary>
    public static ReferenceCase Style(int qubits) => _all.Value.First(c => c.Kind == "style" && c.Circuit.QubitCount == qubits);

    private static ReferenceCase[] Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixtures.Path("quantum", "reference-circuits.json")));
        var cases = new List<ReferenceCase>();
        int i = 0;
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            string kind = c.GetProperty("kind").GetString()!;
            int n = c.GetProperty("qubits").GetInt32();
            double[] Read(string key) => c.GetProperty(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Circuit circuit;
            if (kind == "style")
            {
                var arch = new StyleArchitecture(n, c.GetProperty("layers").GetInt32(), c.GetProperty("latent_dim").GetInt32());
                circuit = arch.BuildCircuit(Read("weights"), Read("biases"), Read("noise"));
            }
            else
            {
                circuit = new Circuit(n);
                foreach (var g in c.GetProperty("gates").EnumerateArray())
                {
                    var q = g.GetProperty("qubits").EnumerateArray().Select(e => e.GetInt32()).ToArray();
                    double t = g.TryGetProperty("params", out var p) ? p[0].GetDouble() : 0;
                    circuit.Add(g.GetProperty("gate").GetString() switch
                    {
                        "rx" => GateOp.Rx(q[0], t),
                        "ry" => GateOp.Ry(q[0], t),
                        "rz" => GateOp.Rz(q[0], t),
                        "h" => GateOp.H(q[0]),
                        "x" => GateOp.X(q[0]),
                        "cx" => GateOp.Cx(q[0], q[1]),
                        "cz" => GateOp.Cz(q[0], q[1]),
                        "cry" => GateOp.Cry(q[0], q[1], t),
                        "crz" => GateOp.Crz(q[0], q[1], t),
                        var other => throw new InvalidDataException($"fixture gate {other} is not handled by the test loader"),
                    });
                }
            }
            cases.Add(new ReferenceCase(i++, kind, circuit, Read("z"), Read("x"), c.TryGetProperty("y", out _) ? Read("y") : null));
        }
        return cases.ToArray();
    }
}
