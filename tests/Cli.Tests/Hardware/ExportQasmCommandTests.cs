using System.Globalization;
using System.Text.Json;

namespace QGan.MLNet.Cli.Tests.Hardware;

[Collection(HardwareModelsCollection.Name)]
public sealed class ExportQasmCommandTests(HardwareModels models)
{
    private static string[] Files(string directory) => Directory.GetFiles(directory).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Writes_one_openqasm3_file_per_sample_and_basis_that_reproduces_the_generator()
    {
        var outDir = Path.Combine(models.NewDirectory(), "qasm");
        var result = QganProcess.Run("export-qasm", "--model", models.Quantum, "--count", "3", "--seed", "4", "--out", outDir);

        Assert.True(result.ExitCode == 0, result.StdErr);
        var names = Files(outDir);
        Assert.Equal(new[] { "manifest.json", "noise.csv", "sample-0000-x.qasm", "sample-0000-z.qasm", "sample-0001-x.qasm", "sample-0001-z.qasm", "sample-0002-x.qasm", "sample-0002-z.qasm" }, names);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "manifest.json")));
        var root = manifest.RootElement;
        Assert.Equal("qgan-qasm-export/1", root.GetProperty("format").GetString());
        Assert.Equal(3, root.GetProperty("count").GetInt32());
        Assert.Equal(4000, root.GetProperty("shots").GetProperty("recommended").GetInt64());
        var circuits = root.GetProperty("circuits").EnumerateArray().Select(c => (c.GetProperty("sample").GetInt32(), c.GetProperty("basis").GetString(), c.GetProperty("file").GetString())).ToArray();
        Assert.Equal([(0, "z", "sample-0000-z.qasm"), (0, "x", "sample-0000-x.qasm"), (1, "z", "sample-0001-z.qasm"), (1, "x", "sample-0001-x.qasm"), (2, "z", "sample-0002-z.qasm"), (2, "x", "sample-0002-x.qasm")], circuits);

        // The noise vectors are those `qgan sample --seed 4` draws, and each z / x pair reproduces the trained torch
        // module's latent through an independent OpenQASM simulator.
        var noise = File.ReadAllLines(Path.Combine(outDir, "noise.csv")).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var expectedNoise = QGan.MLNet.Trainers.Hardware.NoiseVectors.Draw(3, 3, 4);
        Assert.Equal(expectedNoise.SelectMany(r => r), noise.SelectMany(r => r));
        using var generator = QGan.MLNet.Trainers.Gan.Models.TrainedGenerator.Load(Path.Combine(models.Quantum, "generator"));
        var torchLatents = generator.Generate(noise.SelectMany(r => r.Select(v => (float)v)).ToArray());
        for (int i = 0; i < 3; i++)
        {
            var z = QasmCircuitRunner.ExactZ(QasmCircuitRunner.Parse(Path.Combine(outDir, $"sample-{i:D4}-z.qasm")));
            var x = QasmCircuitRunner.ExactZ(QasmCircuitRunner.Parse(Path.Combine(outDir, $"sample-{i:D4}-x.qasm")));
            for (int q = 0; q < 3; q++)
            {
                Assert.Equal(torchLatents[i * 6 + q], z[q], 1e-5);
                Assert.Equal(torchLatents[i * 6 + 3 + q], x[q], 1e-5);
            }
        }
    }

    [Fact]
    public void Parameterized_export_writes_templates_and_one_angle_row_per_sample()
    {
        var plain = Path.Combine(models.NewDirectory(), "plain");
        var templated = Path.Combine(models.NewDirectory(), "templated");
        Assert.Equal(0, QganProcess.Run("export-qasm", "--model", models.Quantum, "--count", "2", "--seed", "1", "--out", plain).ExitCode);
        var result = QganProcess.Run("export-qasm", "--model", models.Quantum, "--count", "2", "--seed", "1", "--out", templated, "--parameterized");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(new[] { "manifest.json", "noise.csv", "parameters.csv", "style-x.qasm", "style-z.qasm" }, Files(templated));
        var rows = File.ReadAllLines(Path.Combine(templated, "parameters.csv"));
        Assert.Equal(2, rows.Length);
        foreach (var basis in new[] { "z", "x" })
        {
            for (int i = 0; i < 2; i++)
            {
                var values = rows[i].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                Assert.Equal(5 * 3 * 2 + 3, values.Length); // RY, RZ, RY, RZ and CRY per qubit and layer, then one RY per qubit
                var bindings = values.Select((v, k) => (k, v)).ToDictionary(p => $"theta_{p.k}", p => p.v);
                var bound = QasmCircuitRunner.ExactZ(QasmCircuitRunner.Parse(Path.Combine(templated, $"style-{basis}.qasm"), bindings));
                var literal = QasmCircuitRunner.ExactZ(QasmCircuitRunner.Parse(Path.Combine(plain, $"sample-{i:D4}-{basis}.qasm")));
                Assert.Equal(literal, bound);
            }
        }
    }

    [Fact]
    public void Z_only_export_has_no_x_circuits()
    {
        var outDir = Path.Combine(models.NewDirectory(), "z");
        Assert.Equal(0, QganProcess.Run("export-qasm", "--model", models.Quantum, "--count", "2", "--basis", "z", "--out", outDir).ExitCode);
        Assert.Equal(new[] { "manifest.json", "noise.csv", "sample-0000-z.qasm", "sample-0001-z.qasm" }, Files(outDir));
    }

    [Fact]
    public void Refuses_a_non_empty_folder_without_force_and_bad_flags_leave_nothing()
    {
        var outDir = Path.Combine(models.NewDirectory(), "q");
        Assert.Equal(0, QganProcess.Run("export-qasm", "--model", models.Quantum, "--count", "1", "--out", outDir).ExitCode);
        var again = QganProcess.Run("export-qasm", "--model", models.Quantum, "--count", "2", "--out", outDir);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("--force", again.StdErr);
        Assert.Equal(0, QganProcess.Run("export-qasm", "--model", models.Quantum, "--count", "2", "--out", outDir, "--force").ExitCode);
        Assert.True(File.Exists(Path.Combine(outDir, "sample-0001-z.qasm")));

        var parent = models.NewDirectory();
        foreach (var args in new[]
        {
            new[] { "--count", "0" }, ["--count", "2", "--basis", "y"],
        })
        {
            var bad = QganProcess.Run(["export-qasm", "--model", models.Quantum, "--out", Path.Combine(parent, "x"), .. args]);
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains(args[^2], bad.StdErr);
        }
        var classical = QganProcess.Run("export-qasm", "--model", models.Classical, "--count", "2", "--out", Path.Combine(parent, "x"));
        Assert.Equal(2, classical.ExitCode);
        Assert.Contains("classical generator", classical.StdErr);
        Assert.Empty(Directory.GetFileSystemEntries(parent));
    }
}
