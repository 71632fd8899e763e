using System.Text.Json;

namespace QGan.MLNet.Quantum.Noise;

/// <summary>
/// Reads a <see cref="NoiseModel"/> from JSON (schema "qgan-noise-model/1", see docs/quantum-noise-qasm.md).
/// Validation is strict: a missing, unknown, duplicated, non-numeric, negative or out-of-range field is an
/// <see cref="InvalidDataException"/> naming the source and the JSON path (e.g. <c>$.qubits[3].t2_us</c>).
/// </summary>
public static class NoiseModelJson
{
    /// <summary>The format identifier written and required in the JSON files.</summary>
    public const string Format = "qgan-noise-model/1";

    /// <summary>Reads a noise model JSON file; errors name the file and the field.</summary>
    public static NoiseModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"noise model file not found: {path}", path);
        }
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses noise model JSON text; <paramref name="source"/> names it in errors.</summary>
    public static NoiseModel Parse(string json, string source = "noise model")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not valid JSON: {ex.Message}", ex);
        }
        using (doc)
        {
            return new Reader(source).Model(doc.RootElement);
        }
    }

    private sealed class Reader(string source)
    {
        public NoiseModel Model(JsonElement root)
        {
            var fields = Fields(root, "$", required: ["format", "qubits", "gate_2q"], optional: ["name", "description"]);
            string format = String(fields["format"], "$.format");
            if (format != Format)
            {
                throw Error("$.format", $"is \"{format}\", expected \"{Format}\"");
            }
            string? name = fields.TryGetValue("name", out var n) ? String(n, "$.name") : null;
            if (fields.TryGetValue("description", out var d))
            {
                String(d, "$.description");
            }

            var qubitsElement = fields["qubits"];
            if (qubitsElement.ValueKind != JsonValueKind.Array || qubitsElement.GetArrayLength() == 0)
            {
                throw Error("$.qubits", "must be a non-empty array of qubit objects");
            }
            var qubits = new List<QubitNoiseProperties>();
            int i = 0;
            foreach (var q in qubitsElement.EnumerateArray())
            {
                qubits.Add(Qubit(q, $"$.qubits[{i++}]"));
            }

            var gate2Q = Fields(fields["gate_2q"], "$.gate_2q", required: ["default"], optional: ["pairs"]);
            var defaultGate = TwoQubit(gate2Q["default"], "$.gate_2q.default", []);
            var pairs = new List<KeyValuePair<(int, int), TwoQubitGateProperties>>();
            var seen = new HashSet<(int, int)>();
            if (gate2Q.TryGetValue("pairs", out var pairsElement))
            {
                if (pairsElement.ValueKind != JsonValueKind.Array)
                {
                    throw Error("$.gate_2q.pairs", "must be an array");
                }
                int k = 0;
                foreach (var p in pairsElement.EnumerateArray())
                {
                    string path = $"$.gate_2q.pairs[{k++}]";
                    var pf = Fields(p, path, required: ["qubits", "error", "duration_ns"], optional: []);
                    var (a, b) = Pair(pf["qubits"], path + ".qubits", qubits.Count);
                    if (!seen.Add(a < b ? (a, b) : (b, a)))
                    {
                        throw Error(path + ".qubits", $"pair [{a}, {b}] is given twice (pairs are unordered)");
                    }
                    pairs.Add(new(((int, int))(a, b), TwoQubit(p, path, pf)));
                }
            }
            try
            {
                return new NoiseModel(qubits, defaultGate, pairs, name);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidDataException($"{source}: {ex.Message}", ex);
            }
        }

        private QubitNoiseProperties Qubit(JsonElement e, string path)
        {
            var f = Fields(e, path, required: ["t1_us", "t2_us", "readout", "gate_1q"], optional: []);
            double t1 = Number(f["t1_us"], path + ".t1_us", positive: true);
            double t2 = Number(f["t2_us"], path + ".t2_us", positive: true);
            if (t2 > 2 * t1)
            {
                throw Error(path + ".t2_us", $"= {t2} exceeds 2 * t1_us = {2 * t1} (physical qubits have T2 <= 2 T1)");
            }
            var r = Fields(f["readout"], path + ".readout", required: ["p01", "p10"], optional: []);
            double p01 = Probability(r["p01"], path + ".readout.p01", 1);
            double p10 = Probability(r["p10"], path + ".readout.p10", 1);
            if (p01 + p10 >= 1)
            {
                throw Error(path + ".readout", $"p01 + p10 = {p01 + p10} must be < 1");
            }
            var g = Fields(f["gate_1q"], path + ".gate_1q", required: ["error", "duration_ns"], optional: []);
            double error = Probability(g["error"], path + ".gate_1q.error", 4.0 / 3);
            double duration = Number(g["duration_ns"], path + ".gate_1q.duration_ns", positive: false);
            return new QubitNoiseProperties(t1, t2, new ReadoutError(p01, p10), error, duration);
        }

        private TwoQubitGateProperties TwoQubit(JsonElement e, string path, Dictionary<string, JsonElement> fields)
        {
            if (fields.Count == 0)
            {
                fields = Fields(e, path, required: ["error", "duration_ns"], optional: []);
            }
            return new TwoQubitGateProperties(
                Probability(fields["error"], path + ".error", 16.0 / 15),
                Number(fields["duration_ns"], path + ".duration_ns", positive: false));
        }

        private (int, int) Pair(JsonElement e, string path, int qubitCount)
        {
            if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() != 2)
            {
                throw Error(path, "must be an array of two qubit indices");
            }
            var q = new int[2];
            for (int j = 0; j < 2; j++)
            {
                var item = e[j];
                if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out q[j]) || q[j] < 0 || q[j] >= qubitCount)
                {
                    throw Error($"{path}[{j}]", $"must be a qubit index in 0..{qubitCount - 1}");
                }
            }
            if (q[0] == q[1])
            {
                throw Error(path, $"names qubit {q[0]} twice");
            }
            return (q[0], q[1]);
        }

        private Dictionary<string, JsonElement> Fields(JsonElement e, string path, string[] required, string[] optional)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw Error(path, $"must be an object, found {e.ValueKind}");
            }
            var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var p in e.EnumerateObject())
            {
                if (!required.Contains(p.Name) && !optional.Contains(p.Name))
                {
                    throw Error($"{path}.{p.Name}", $"is not a known field (expected {string.Join(", ", required.Concat(optional))})");
                }
                if (!fields.TryAdd(p.Name, p.Value))
                {
                    throw Error($"{path}.{p.Name}", "is given twice");
                }
            }
            foreach (var r in required)
            {
                if (!fields.ContainsKey(r))
                {
                    throw Error($"{path}.{r}", "is missing");
                }
            }
            return fields;
        }

        private double Number(JsonElement e, string path, bool positive)
        {
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out double v) || !double.IsFinite(v))
            {
                throw Error(path, $"must be a finite number, found {Describe(e)}");
            }
            if (positive ? v <= 0 : v < 0)
            {
                throw Error(path, $"= {v} must be {(positive ? "> 0" : ">= 0")}");
            }
            return v;
        }

        private double Probability(JsonElement e, string path, double max)
        {
            double v = Number(e, path, positive: false);
            if (v > max)
            {
                throw Error(path, $"= {v} must be at most {max:G6}");
            }
            return v;
        }

        private string String(JsonElement e, string path) =>
            e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Error(path, $"must be a string, found {Describe(e)}");

        private static string Describe(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.String => $"string \"{e.GetString()}\"",
            JsonValueKind.Number => e.GetRawText(),
            _ => e.ValueKind.ToString().ToLowerInvariant(),
        };

        private InvalidDataException Error(string path, string message) => new($"{source}: {path} {message}");
    }
}
