using System.Text.Json;
using QGan.MLNet.Quantum.Sampling;

namespace QGan.MLNet.Trainers.Hardware;

/// <summary>Measured counts of one noise sample in the Z and the X basis.</summary>
public sealed record MeasuredSample(int Index, MeasurementCounts Z, MeasurementCounts X);

/// <summary>
/// Reads measured bitstring counts (from a device or a simulator) for the circuits of an OpenQASM export. Three
/// layouts are accepted (schema in docs/hardware.md); keys are bitstrings with qubit 0 as the rightmost character,
/// spaces (between classical registers) are ignored, values are non-negative integers:
/// <list type="number">
/// <item><c>{"samples": [{"index": 0, "z": {"0101...": 123, ...}, "x": {...}}, ...]}</c></item>
/// <item>an object keyed by circuit name or file (<c>{"sample-0000-z.qasm": {...}, "sample-0000-x": {...}}</c>)</item>
/// <item>a list of Qiskit <c>get_counts()</c> dictionaries in the manifest's circuit order (what
/// <c>job.result().get_counts()</c> returns for the list of exported circuits)</item>
/// </list>
/// Every problem throws <see cref="InvalidDataException"/> naming the file, the sample and the key.
/// </summary>
public static class CountsFile
{
    /// <summary>Reads a measured counts file for the circuits of <paramref name="manifest"/>.</summary>
    public static IReadOnlyList<MeasuredSample> Read(string path, QasmBundleManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"counts file {path} does not exist", path);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: invalid JSON ({ex.Message})", ex);
        }
        using (document)
        {
            return Parse(document.RootElement, path, manifest);
        }
    }

    /// <summary>Parses measured counts (JSON) for the circuits of <paramref name="manifest"/>; errors name <paramref name="source"/>, the circuit and the field.</summary>
    public static IReadOnlyList<MeasuredSample> Parse(JsonElement root, string source, QasmBundleManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        int qubits = manifest.Generator.Qubits;
        // (sample, basis) -> counts, filled by whichever layout the file uses.
        var found = new SortedDictionary<int, Dictionary<string, MeasurementCounts>>();
        void Add(int sample, string basis, JsonElement counts, string where)
        {
            if (sample < 0 || sample >= manifest.Count)
            {
                throw new InvalidDataException($"{source}: {where}: sample index {sample} is outside 0..{manifest.Count - 1} (the export has {manifest.Count} noise vectors)");
            }
            var perSample = found.TryGetValue(sample, out var d) ? d : found[sample] = [];
            if (perSample.ContainsKey(basis))
            {
                throw new InvalidDataException($"{source}: {where}: sample {sample} has {basis} counts twice");
            }
            perSample[basis] = ReadCounts(counts, qubits, $"{source}: {where} (sample {sample}, basis {basis})");
        }

        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("samples", out var samples))
        {
            if (samples.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{source}: \"samples\" must be a list");
            }
            int k = 0;
            foreach (var entry in samples.EnumerateArray())
            {
                var where = $"samples[{k++}]";
                if (entry.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidDataException($"{source}: {where} must be an object with \"index\", \"z\" and \"x\"");
                }
                if (!entry.TryGetProperty("index", out var indexElement) || !indexElement.TryGetInt32(out var index))
                {
                    throw new InvalidDataException($"{source}: {where}: \"index\" is missing or not an integer");
                }
                foreach (var basis in manifest.Bases)
                {
                    if (!entry.TryGetProperty(basis, out var counts))
                    {
                        throw new InvalidDataException($"{source}: {where}: sample {index} has no \"{basis}\" counts (the {basis.ToUpperInvariant()}-basis circuit's results are needed)");
                    }
                    Add(index, basis, counts, where);
                }
            }
        }
        else if (root.ValueKind == JsonValueKind.Object)
        {
            var byName = manifest.Circuits.ToDictionary(c => c.Name, StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                var name = property.Name.EndsWith(".qasm", StringComparison.Ordinal) ? property.Name[..^5] : property.Name;
                if (!byName.TryGetValue(name, out var circuit))
                {
                    throw new InvalidDataException($"{source}: key \"{property.Name}\" is not a circuit of the export (expected names like \"{manifest.Circuits[0].Name}\" or \"{manifest.Circuits[0].Name}.qasm\")");
                }
                Add(circuit.Sample, circuit.Basis, property.Value, $"\"{property.Name}\"");
            }
        }
        else if (root.ValueKind == JsonValueKind.Array)
        {
            int length = root.GetArrayLength();
            if (length != manifest.Circuits.Count)
            {
                throw new InvalidDataException($"{source}: the list has {length} counts dictionaries, the export has {manifest.Circuits.Count} circuits (one per entry of manifest.json \"circuits\", in that order)");
            }
            int k = 0;
            foreach (var counts in root.EnumerateArray())
            {
                var circuit = manifest.Circuits[k];
                Add(circuit.Sample, circuit.Basis, counts, $"[{k}] ({circuit.Name})");
                k++;
            }
        }
        else
        {
            throw new InvalidDataException($"{source}: expected an object or a list of counts, got {root.ValueKind}");
        }

        if (found.Count == 0)
        {
            throw new InvalidDataException($"{source}: no counts");
        }
        var result = new List<MeasuredSample>();
        foreach (var (sample, bases) in found)
        {
            foreach (var basis in new[] { "z", "x" })
            {
                if (!bases.ContainsKey(basis))
                {
                    throw new InvalidDataException($"{source}: sample {sample} has no {basis} counts (key \"{QasmBundle.CircuitName(sample, basis)}\"); the ZX readout needs both the z and the x circuit of every sample");
                }
            }
            result.Add(new MeasuredSample(sample, bases["z"], bases["x"]));
        }
        return result;
    }

    private static MeasurementCounts ReadCounts(JsonElement counts, int qubits, string where)
    {
        if (counts.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{where}: counts must be an object of bitstring -> count, got {counts.ValueKind}");
        }
        var map = new List<KeyValuePair<string, long>>();
        long total = 0;
        foreach (var property in counts.EnumerateObject())
        {
            var bits = property.Name.Replace(" ", "", StringComparison.Ordinal);
            if (bits.Length != qubits)
            {
                throw new InvalidDataException($"{where}: key \"{property.Name}\" has {bits.Length} bits, the generator has {qubits} qubits");
            }
            if (bits.Any(ch => ch is not ('0' or '1')))
            {
                throw new InvalidDataException($"{where}: key \"{property.Name}\" is not a bitstring of 0 and 1");
            }
            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt64(out var count))
            {
                throw new InvalidDataException($"{where}: count of \"{property.Name}\" is {property.Value.GetRawText()}, not an integer");
            }
            if (count < 0)
            {
                throw new InvalidDataException($"{where}: count of \"{property.Name}\" is negative ({count})");
            }
            if (count > long.MaxValue - total)
            {
                throw new InvalidDataException($"{where}: the counts add up to more than {long.MaxValue} shots (at \"{property.Name}\"); counts must be shot numbers");
            }
            total += count;
            map.Add(new(bits, count));
        }
        if (total == 0)
        {
            throw new InvalidDataException($"{where}: no shots (all counts are zero or the object is empty)");
        }
        return MeasurementCounts.FromBitstrings(qubits, map);
    }

    /// <summary>Writes counts in the first layout (<c>{"samples": [...]}</c>), e.g. from a simulation.</summary>
    public static string ToJson(IEnumerable<(int Index, IReadOnlyDictionary<string, long> Z, IReadOnlyDictionary<string, long> X)> samples)
    {
        var payload = new
        {
            samples = samples.Select(s => new { index = s.Index, z = s.Z, x = s.X }).ToArray(),
        };
        return JsonSerializer.Serialize(payload) + "\n";
    }
}
