using System.Text.Json;
using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Tests.Shared;

namespace QGan.MLNet.Quantum.Tests;

/// <summary>Reads the independent reference cases of <c>quantum/reference-circuits.json</c>.</summary>
internal static class ReferenceCircuits
{
    private static readonly Lazy<JsonElement[]> _cases = new(() =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixtures.Path("quantum", "reference-circuits.json")));
        return doc.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToArray();
    });

    public static JsonElement Case(int index) => _cases.Value[index];

    /// <summary>Indices of the cases of one kind ("gates" or "style").</summary>
    public static TheoryData<int> Indices(string kind) => new(IndexList(kind));

    public static int[] IndexList(string kind) =>
        Enumerable.Range(0, _cases.Value.Length).Where(i => _cases.Value[i].GetProperty("kind").GetString() == kind).ToArray();

    public static double[] Doubles(this JsonElement c, string key) =>
        c.GetProperty(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    /// <summary>The circuit of a "gates" case; two-qubit gates list [control, target].</summary>
    public static Circuit BuildCircuit(JsonElement c)
    {
        var circuit = new Circuit(c.GetProperty("qubits").GetInt32());
        foreach (var g in c.GetProperty("gates").EnumerateArray())
        {
            var q = g.GetProperty("qubits").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var p = g.TryGetProperty("params", out var ps) ? ps.EnumerateArray().Select(e => e.GetDouble()).ToArray() : [];
            circuit.Add(g.GetProperty("gate").GetString() switch
            {
                "rx" => GateOp.Rx(q[0], p[0]),
                "ry" => GateOp.Ry(q[0], p[0]),
                "rz" => GateOp.Rz(q[0], p[0]),
                "h" => GateOp.H(q[0]),
                "x" => GateOp.X(q[0]),
                "y" => GateOp.Y(q[0]),
                "z" => GateOp.Z(q[0]),
                "u" => GateOp.U(q[0], p[0], p[1], p[2]),
                "cx" => GateOp.Cx(q[0], q[1]),
                "cz" => GateOp.Cz(q[0], q[1]),
                "cry" => GateOp.Cry(q[0], q[1], p[0]),
                "crz" => GateOp.Crz(q[0], q[1], p[0]),
                var name => throw new InvalidDataException($"unknown gate '{name}' in reference-circuits.json"),
            });
        }
        return circuit;
    }
}
