using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QGan.MLNet.Cli.Tests.Hardware;

[Collection(HardwareModelsCollection.Name)]
public sealed class ImportCountsCommandTests(HardwareModels models)
{
    private const int Samples = 12;
    private const long Shots = 3000;

    /// <summary>
    /// export-qasm, then every exported file is "run": parsed by the independent OpenQASM reader, measured with the
    /// project's shot sampler. Returns the export folder, the counts per circuit (manifest order) and the exact
    /// expectations of each circuit.
    /// </summary>
    private (string Export, List<(string Name, int Sample, string Basis, IReadOnlyDictionary<string, long> Counts)> Circuits, double[][] Exact) ExportAndRun() =>
        models.Shared("import-counts export", ExportAndRunOnce);

    private (string Export, List<(string Name, int Sample, string Basis, IReadOnlyDictionary<string, long> Counts)> Circuits, double[][] Exact) ExportAndRunOnce()
    {
        var export = Path.Combine(models.NewDirectory(), "qasm");
        var result = QganProcess.Run("export-qasm", "--model", models.Quantum, "--count", Samples.ToString(CultureInfo.InvariantCulture), "--seed", "8", "--out", export);
        Assert.True(result.ExitCode == 0, result.StdErr);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(export, "manifest.json")));
        var circuits = new List<(string, int, string, IReadOnlyDictionary<string, long>)>();
        var exact = Enumerable.Range(0, Samples).Select(_ => new double[6]).ToArray();
        ulong seed = 100;
        foreach (var c in manifest.RootElement.GetProperty("circuits").EnumerateArray())
        {
            int sample = c.GetProperty("sample").GetInt32();
            var basis = c.GetProperty("basis").GetString()!;
            var program = QasmCircuitRunner.Parse(Path.Combine(export, c.GetProperty("file").GetString()!));
            var z = QasmCircuitRunner.ExactZ(program);
            z.CopyTo(exact[sample], basis == "z" ? 0 : 3);
            circuits.Add((c.GetProperty("name").GetString()!, sample, basis, QasmCircuitRunner.Shots(program, Shots, seed++).Counts));
        }
        return (export, circuits, exact);
    }

    private static string QiskitList(IEnumerable<(string Name, int Sample, string Basis, IReadOnlyDictionary<string, long> Counts)> circuits) =>
        JsonSerializer.Serialize(circuits.Select(c => c.Counts).ToArray());

    private static double[][] ReadLatents(string path) =>
        File.ReadAllLines(path).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();

    [Fact]
    public void Round_trip_export_run_import_gives_latents_within_shot_noise_of_the_exact_generator()
    {
        var (export, circuits, exact) = ExportAndRun();
        var counts = Path.Combine(export, "counts.json");
        File.WriteAllText(counts, QiskitList(circuits));

        var result = QganProcess.Run("import-counts", "--model", models.Quantum, "--counts", counts, "--latents", models.Latents);

        Assert.True(result.ExitCode == 0, result.StdErr);
        using var report = JsonDocument.Parse(result.StdOut);
        var root = report.RootElement;
        Assert.Equal("counts", root.GetProperty("source").GetString());
        Assert.Equal(Samples, root.GetProperty("count").GetInt32());
        Assert.Equal(Shots, root.GetProperty("shots").GetInt64());
        Assert.Equal(8, root.GetProperty("noiseSeed").GetInt64());
        var latents = ReadLatents(Path.Combine(models.Quantum, "hardware", "counts-counts.latents.csv"));
        Assert.Equal(Samples, latents.Length);
        for (int i = 0; i < Samples; i++)
        {
            for (int k = 0; k < 6; k++)
            {
                double sigma = Math.Sqrt(Math.Max(1 - exact[i][k] * exact[i][k], 1e-4) / Shots);
                Assert.True(Math.Abs(latents[i][k] - exact[i][k]) < 5 * sigma + 1e-6, $"sample {i}, output {k}: {latents[i][k]} vs {exact[i][k]}");
            }
        }
        var deviation = root.GetProperty("comparison").GetProperty("deviation");
        Assert.InRange(deviation.GetProperty("rms").GetDouble() / deviation.GetProperty("expectedShotRms").GetDouble(), 0.7, 1.3);
        Assert.Equal(120, root.GetProperty("comparison").GetProperty("vsData").GetProperty("rows").GetInt32());
    }

    [Fact]
    public void The_three_counts_layouts_give_identical_latents_and_spaces_in_keys_are_ignored()
    {
        var (export, circuits, _) = ExportAndRun();
        var list = Path.Combine(export, "list.json");
        File.WriteAllText(list, QiskitList(circuits));
        var byName = new JsonObject();
        foreach (var c in circuits)
        {
            // Keyed by file name for z, by circuit name for x; a space between two classical registers is ignored.
            var counts = new JsonObject();
            foreach (var (bits, n) in c.Counts)
            {
                counts[bits[..1] + " " + bits[1..]] = n;
            }
            byName[c.Basis == "z" ? c.Name + ".qasm" : c.Name] = counts;
        }
        var named = Path.Combine(export, "named.json");
        File.WriteAllText(named, byName.ToJsonString());
        var samples = new JsonArray(circuits.GroupBy(c => c.Sample).Reverse().Select(g => (JsonNode)new JsonObject
        {
            ["index"] = g.Key,
            ["z"] = JsonSerializer.SerializeToNode(g.Single(c => c.Basis == "z").Counts),
            ["x"] = JsonSerializer.SerializeToNode(g.Single(c => c.Basis == "x").Counts),
        }).ToArray());
        var explicitSamples = Path.Combine(export, "samples.json");
        File.WriteAllText(explicitSamples, new JsonObject { ["samples"] = samples }.ToJsonString());

        var outDir = models.NewDirectory();
        foreach (var file in new[] { list, named, explicitSamples })
        {
            var r = QganProcess.Run("import-counts", "--model", models.Quantum, "--counts", file, "--out", outDir);
            Assert.True(r.ExitCode == 0, file + ": " + r.StdErr);
        }
        var expected = File.ReadAllText(Path.Combine(outDir, "counts-list.latents.csv"));
        Assert.Equal(expected, File.ReadAllText(Path.Combine(outDir, "counts-named.latents.csv")));
        Assert.Equal(expected, File.ReadAllText(Path.Combine(outDir, "counts-samples.latents.csv")));
    }

    [Theory]
    [InlineData("short-key", "sample 1, basis x", "\"0101\" has 4 bits")]
    [InlineData("negative", "sample 0, basis z", "negative (-5)")]
    [InlineData("fraction", "sample 0, basis z", "not an integer")]
    [InlineData("not-bits", "sample 0, basis z", "not a bitstring")]
    [InlineData("missing-x", "sample 2", "no x counts")]
    [InlineData("unknown-circuit", "sample-0099-z", "not a circuit of the export")]
    [InlineData("out-of-range", "samples[0]", "outside 0..")]
    [InlineData("empty", "sample 0, basis z", "no shots")]
    [InlineData("overflowing", "sample 0, basis z", "add up to more than 9223372036854775807 shots")]
    public void Bad_counts_exit_2_naming_the_sample_and_key_and_write_nothing(string problem, string where, string message)
    {
        var (export, circuits, _) = ExportAndRun();
        JsonNode document = problem switch
        {
            "short-key" => Named(circuits, "sample-0001-x", c => new JsonObject { ["0101"] = 10 }),
            "negative" => Named(circuits, "sample-0000-z", c => new JsonObject { ["000"] = 10, ["011"] = -5 }),
            "fraction" => Named(circuits, "sample-0000-z", c => new JsonObject { ["000"] = 10.5 }),
            "not-bits" => Named(circuits, "sample-0000-z", c => new JsonObject { ["0a1"] = 10 }),
            "missing-x" => Without(circuits, "sample-0002-x"),
            "unknown-circuit" => With(Named(circuits, null, null), "sample-0099-z", new JsonObject { ["000"] = 1 }),
            "out-of-range" => new JsonObject { ["samples"] = new JsonArray(new JsonObject { ["index"] = 99, ["z"] = new JsonObject { ["000"] = 1 }, ["x"] = new JsonObject { ["000"] = 1 } }) },
            "empty" => Named(circuits, "sample-0000-z", c => new JsonObject { ["000"] = 0 }),
            "overflowing" => Named(circuits, "sample-0000-z", c => new JsonObject { ["000"] = 5_000_000_000_000_000_000L, ["011"] = 5_000_000_000_000_000_000L }),
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };
        var counts = Path.Combine(export, "bad.json");
        File.WriteAllText(counts, document.ToJsonString());
        var outDir = Path.Combine(models.NewDirectory(), "out");

        var result = QganProcess.Run("import-counts", "--model", models.Quantum, "--counts", counts, "--out", outDir);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad.json", result.StdErr);
        Assert.Contains(where, result.StdErr);
        Assert.Contains(message, result.StdErr);
        Assert.Equal("", result.StdOut);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void A_list_of_the_wrong_length_a_missing_manifest_and_a_classical_model_are_errors()
    {
        var (export, circuits, _) = ExportAndRun();
        var shortList = Path.Combine(export, "short.json");
        File.WriteAllText(shortList, QiskitList(circuits.Take(5)));
        var r = QganProcess.Run("import-counts", "--model", models.Quantum, "--counts", shortList);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("5 counts dictionaries", r.StdErr);

        var elsewhere = Path.Combine(models.NewDirectory(), "counts.json");
        File.WriteAllText(elsewhere, QiskitList(circuits));
        var noManifest = QganProcess.Run("import-counts", "--model", models.Quantum, "--counts", elsewhere);
        Assert.Equal(2, noManifest.ExitCode);
        Assert.Contains("manifest.json", noManifest.StdErr);
        Assert.Equal(0, QganProcess.Run("import-counts", "--model", models.Quantum, "--counts", elsewhere, "--export", export, "--out", models.NewDirectory()).ExitCode);

        var classical = QganProcess.Run("import-counts", "--model", models.Classical, "--counts", elsewhere, "--export", export);
        Assert.Equal(2, classical.ExitCode);
        Assert.Contains("classical generator", classical.StdErr);
    }

    [Fact]
    public void Readout_mitigation_rescales_the_estimates_by_the_inverse_confusion_map()
    {
        var (export, circuits, _) = ExportAndRun();
        var counts = Path.Combine(export, "mitigate.json");
        File.WriteAllText(counts, QiskitList(circuits));
        var outDir = models.NewDirectory();
        Assert.Equal(0, QganProcess.Run("import-counts", "--model", models.Quantum, "--counts", counts, "--out", outDir, "--name", "raw").ExitCode);

        // These counts have no readout error, so "mitigating" p01 = p10 = 0.1 maps every estimate e to e / 0.8 (clipped to [-1, 1]).
        var result = QganProcess.Run("import-counts", "--model", models.Quantum, "--counts", counts, "--out", outDir, "--name", "mitigated",
            "--mitigate-readout", models.NoiseModel(p01: 0.1, p10: 0.1));

        Assert.True(result.ExitCode == 0, result.StdErr);
        using var report = JsonDocument.Parse(result.StdOut);
        Assert.True(report.RootElement.GetProperty("mitigateReadout").GetBoolean());
        var raw = ReadLatents(Path.Combine(outDir, "raw.latents.csv"));
        var mitigated = ReadLatents(Path.Combine(outDir, "mitigated.latents.csv"));
        for (int i = 0; i < raw.Length; i++)
        {
            for (int k = 0; k < 6; k++)
            {
                Assert.Equal(Math.Clamp(raw[i][k] / 0.8, -1, 1), mitigated[i][k], 1e-6);
            }
        }

        var wrong = QganProcess.Run("import-counts", "--model", models.Quantum, "--counts", counts, "--out", Path.Combine(outDir, "x"),
            "--mitigate-readout", models.NoiseModel(qubits: 12));
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("12 qubits", wrong.StdErr);
        Assert.False(Directory.Exists(Path.Combine(outDir, "x")));
    }

    private static JsonObject Named(List<(string Name, int Sample, string Basis, IReadOnlyDictionary<string, long> Counts)> circuits, string? replace, Func<object?, JsonObject>? with)
    {
        var o = new JsonObject();
        foreach (var c in circuits)
        {
            o[c.Name] = c.Name == replace ? with!(null) : JsonSerializer.SerializeToNode(c.Counts);
        }
        return o;
    }

    private static JsonObject Without(List<(string Name, int Sample, string Basis, IReadOnlyDictionary<string, long> Counts)> circuits, string name)
    {
        var o = Named(circuits, null, null);
        o.Remove(name);
        return o;
    }

    private static JsonObject With(JsonObject o, string name, JsonObject counts)
    {
        o[name] = counts;
        return o;
    }
}
