using System.Text.Json;
using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Quantum.Style;

namespace QGan.MLNet.Quantum.Parameters;

/// <summary>
/// Weights, biases and one noise sample of a style circuit: everything needed to bind it. Either drawn from a seed
/// (reproducible on every machine) or read from a JSON params file.
/// </summary>
public sealed record StyleParameters(double[] Weights, double[] Biases, double[] Noise)
{
    /// <summary>
    /// Draws with <c>new SeededRandom(seed)</c>, in this order: weights[g] for g = 0..G-1 uniform in [-pi, pi),
    /// then biases[g] likewise (<see cref="SeededRandom.NextDouble(double, double)"/>), then noise[0..D-1] from
    /// N(0, 1) (<see cref="SeededRandom.FillNormal(Span{double})"/>).
    /// </summary>
    public static StyleParameters Random(StyleArchitecture architecture, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        var rng = new SeededRandom(seed);
        int g = architecture.EncodedGateCount;
        var weights = new double[g];
        var biases = new double[g];
        var noise = new double[architecture.LatentDim];
        for (int i = 0; i < g; i++)
        {
            weights[i] = rng.NextDouble(-Math.PI, Math.PI);
        }
        for (int i = 0; i < g; i++)
        {
            biases[i] = rng.NextDouble(-Math.PI, Math.PI);
        }
        rng.FillNormal(noise);
        return new StyleParameters(weights, biases, noise);
    }

    /// <summary>
    /// Reads a JSON object with number arrays <c>weights</c> and <c>biases</c> (length 5nL + n each) and <c>noise</c>
    /// (length D). Other keys (such as the fixture's <c>z</c>, <c>x</c>, <c>qubits</c>) are ignored, so a fixture case
    /// is a valid params file. Errors name the file, the key and the expected length.
    /// </summary>
    public static StyleParameters Load(string path, StyleArchitecture architecture)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"params file not found: {path}", path);
        }
        return Parse(File.ReadAllText(path), architecture, path);
    }

    /// <summary>Reads weights and biases from JSON text for <paramref name="architecture"/>; <paramref name="source"/> names it in errors.</summary>
    public static StyleParameters Parse(string json, StyleArchitecture architecture, string source = "params")
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(architecture);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not valid JSON: {ex.Message}", ex);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{source}: must be a JSON object with \"weights\", \"biases\" and \"noise\" arrays");
            }
            string shape = $"{architecture.Qubits} qubits, {architecture.Layers} layers";
            var weights = Array(root, "weights", architecture.EncodedGateCount, $"5 n L + n for {shape}");
            var biases = Array(root, "biases", architecture.EncodedGateCount, $"5 n L + n for {shape}");
            var noise = Array(root, "noise", architecture.LatentDim, "the latent dimension");
            return new StyleParameters(weights, biases, noise);
        }

        double[] Array(JsonElement root, string key, int expected, string why)
        {
            if (!root.TryGetProperty(key, out var e))
            {
                throw new InvalidDataException($"{source}: missing key \"{key}\" (an array of {expected} numbers)");
            }
            if (e.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{source}: \"{key}\" must be an array of {expected} numbers");
            }
            if (e.GetArrayLength() != expected)
            {
                throw new InvalidDataException($"{source}: \"{key}\" has {e.GetArrayLength()} values, expected {expected} ({why})");
            }
            var values = new double[expected];
            int i = 0;
            foreach (var item in e.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out values[i]) || !double.IsFinite(values[i]))
                {
                    throw new InvalidDataException($"{source}: \"{key}\"[{i}] is not a finite number");
                }
                i++;
            }
            return values;
        }
    }
}
