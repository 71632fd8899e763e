using QGan.MLNet.Core.Json;
using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Sampling;

namespace QGan.MLNet.Quantum.Noise;

/// <summary>
/// Reads a <see cref="NoiseModel"/> from JSON (schema "qgan-noise-model/1", see docs/quantum-noise-qasm.md):
/// System.Text.Json deserialization into <see cref="NoiseModelDocument"/> (<see cref="StrictJson"/>: unknown,
/// duplicated, missing or mistyped fields are refused), then one validation pass over the ranges. Every problem is an
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
    public static NoiseModel Parse(string json, string source = "noise model") =>
        new Validator(source).Model(StrictJson.Deserialize<NoiseModelDocument>(json, source));

    private sealed class Validator(string source)
    {
        public NoiseModel Model(NoiseModelDocument doc)
        {
            if (doc.Format != Format)
            {
                throw Error("$.format", $"is \"{doc.Format}\", expected \"{Format}\"");
            }
            if (doc.Qubits.Length is < 1 or > Circuit.MaxQubits)
            {
                throw Error("$.qubits", $"must be a non-empty array of qubit objects (at most {Circuit.MaxQubits}), found {doc.Qubits.Length}");
            }
            var qubits = doc.Qubits.Select((q, i) => Qubit(q, $"$.qubits[{i}]")).ToArray();
            var defaultGate = TwoQubit(doc.Gate2Q.Default, "$.gate_2q.default");
            var pairs = new List<KeyValuePair<(int, int), TwoQubitGateProperties>>();
            var seen = new HashSet<(int, int)>();
            for (int k = 0; k < (doc.Gate2Q.Pairs?.Length ?? 0); k++)
            {
                var pair = doc.Gate2Q.Pairs![k];
                string path = $"$.gate_2q.pairs[{k}]";
                var (a, b) = Pair(pair.Qubits, path + ".qubits", qubits.Length);
                if (!seen.Add(a < b ? (a, b) : (b, a)))
                {
                    throw Error(path + ".qubits", $"pair [{a}, {b}] is given twice (pairs are unordered)");
                }
                pairs.Add(new((a, b), TwoQubit(new GateDocument { Error = pair.Error, DurationNs = pair.DurationNs }, path)));
            }
            try
            {
                return new NoiseModel(qubits, defaultGate, pairs, doc.Name);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidDataException($"{source}: {ex.Message}", ex);
            }
        }

        private QubitNoiseProperties Qubit(QubitDocument q, string path)
        {
            double t1 = Number(q.T1Us, path + ".t1_us", positive: true);
            double t2 = Number(q.T2Us, path + ".t2_us", positive: true);
            if (t2 > 2 * t1)
            {
                throw Error(path + ".t2_us", $"= {t2} exceeds 2 * t1_us = {2 * t1} (physical qubits have T2 <= 2 T1)");
            }
            double p01 = Probability(q.Readout.P01, path + ".readout.p01", 1);
            double p10 = Probability(q.Readout.P10, path + ".readout.p10", 1);
            if (p01 + p10 >= 1)
            {
                throw Error(path + ".readout", $"p01 + p10 = {p01 + p10} must be < 1");
            }
            double error = Probability(q.Gate1Q.Error, path + ".gate_1q.error", 4.0 / 3);
            double duration = Number(q.Gate1Q.DurationNs, path + ".gate_1q.duration_ns", positive: false);
            return new QubitNoiseProperties(t1, t2, new ReadoutError(p01, p10), error, duration);
        }

        private TwoQubitGateProperties TwoQubit(GateDocument gate, string path) =>
            new(Probability(gate.Error, path + ".error", 16.0 / 15), Number(gate.DurationNs, path + ".duration_ns", positive: false));

        private (int, int) Pair(int[] q, string path, int qubitCount)
        {
            if (q.Length != 2)
            {
                throw Error(path, "must be an array of two qubit indices");
            }
            for (int j = 0; j < 2; j++)
            {
                if (q[j] < 0 || q[j] >= qubitCount)
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

        private double Number(double v, string path, bool positive)
        {
            if (!double.IsFinite(v))
            {
                throw Error(path, $"must be a finite number, found {v}");
            }
            if (positive ? v <= 0 : v < 0)
            {
                throw Error(path, $"= {v} must be {(positive ? "> 0" : ">= 0")}");
            }
            return v;
        }

        private double Probability(double v, string path, double max)
        {
            Number(v, path, positive: false);
            if (v > max)
            {
                throw Error(path, $"= {v} must be at most {max:G6}");
            }
            return v;
        }

        private InvalidDataException Error(string path, string problem) => StrictJson.Error(source, path, problem);
    }
}
