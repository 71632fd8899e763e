using System.Text.Json;

namespace QGan.MLNet.Cli.Tests.Hardware;

[Collection(HardwareModelsCollection.Name)]
public sealed class HardwareSimCommandTests(HardwareModels models)
{
    [Fact]
    public void Ideal_device_report_is_printed_and_written_with_the_latents_in_the_model_folder()
    {
        var result = QganProcess.Run("hardware-sim", "--model", models.Quantum, "--shots", "800", "--count", "40", "--seed", "3", "--latents", models.Latents);

        Assert.True(result.ExitCode == 0, result.StdErr);
        using var doc = JsonDocument.Parse(result.StdOut);
        var root = doc.RootElement;
        Assert.Equal("qgan-hardware/1", root.GetProperty("format").GetString());
        Assert.Equal("simulation", root.GetProperty("source").GetString());
        Assert.Equal(40, root.GetProperty("count").GetInt32());
        Assert.Equal(800, root.GetProperty("shots").GetInt64());
        Assert.Equal(40 * 2 * 800, root.GetProperty("totalShots").GetInt64());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("noiseModel").ValueKind);
        Assert.Equal(3, root.GetProperty("generator").GetProperty("qubits").GetInt32());
        var comparison = root.GetProperty("comparison");
        var deviation = comparison.GetProperty("deviation");
        // 240 values: RMS shot noise within about +-20 % of the binomial prediction.
        Assert.InRange(deviation.GetProperty("rms").GetDouble() / deviation.GetProperty("expectedShotRms").GetDouble(), 0.8, 1.2);
        Assert.True(comparison.GetProperty("vsNoiseFree").GetProperty("latentFid").GetDouble() >= 0);
        var vsData = comparison.GetProperty("vsData");
        Assert.Equal(120, vsData.GetProperty("rows").GetInt32());
        Assert.True(vsData.GetProperty("hardware").GetProperty("latentFid").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, vsData.GetProperty("hardware").GetProperty("pixelJsd").ValueKind);

        var report = Path.Combine(models.Quantum, "hardware", "ideal-800shots.json");
        Assert.Equal(result.StdOut.Trim(), File.ReadAllText(report).Trim());
        var latents = File.ReadAllLines(Path.Combine(models.Quantum, "hardware", "ideal-800shots.latents.csv"));
        Assert.Equal(40, latents.Length);
        Assert.All(latents, l => Assert.Equal(6, l.Split(',').Length));
    }

    [Fact]
    public void Device_noise_model_biases_the_estimates_and_readout_mitigation_is_recorded()
    {
        var outDir = models.NewDirectory();
        var noise = models.NoiseModel(p01: 0.1, p10: 0.1, gate1: 0, gate2: 0);

        var raw = QganProcess.Run("hardware-sim", "--model", models.Quantum, "--shots", "1000", "--count", "30", "--noise", noise, "--trajectories", "4", "--out", outDir, "--name", "raw");
        var mitigated = QganProcess.Run("hardware-sim", "--model", models.Quantum, "--shots", "1000", "--count", "30", "--noise", noise, "--trajectories", "4", "--out", outDir, "--name", "mitigated", "--mitigate-readout");

        Assert.True(raw.ExitCode == 0, raw.StdErr);
        Assert.True(mitigated.ExitCode == 0, mitigated.StdErr);
        using var r = JsonDocument.Parse(raw.StdOut);
        using var m = JsonDocument.Parse(mitigated.StdOut);
        Assert.Equal("test-device", r.RootElement.GetProperty("noiseModel").GetString());
        Assert.Equal(4, r.RootElement.GetProperty("trajectories").GetInt32());
        Assert.True(m.RootElement.GetProperty("mitigateReadout").GetBoolean());
        // Symmetric readout error 0.1 shrinks every expectation by 0.8 (plus thermal relaxation during the gates):
        // far beyond shot noise; mitigation removes most of it.
        double rawRms = r.RootElement.GetProperty("comparison").GetProperty("deviation").GetProperty("rms").GetDouble();
        double mitigatedRms = m.RootElement.GetProperty("comparison").GetProperty("deviation").GetProperty("rms").GetDouble();
        double shotRms = r.RootElement.GetProperty("comparison").GetProperty("deviation").GetProperty("expectedShotRms").GetDouble();
        Assert.True(rawRms > 2 * shotRms, $"raw RMS {rawRms} vs shot noise {shotRms}");
        Assert.True(mitigatedRms < rawRms, $"mitigated {mitigatedRms} vs raw {rawRms}");
        Assert.True(File.Exists(Path.Combine(outDir, "raw.json")) && File.Exists(Path.Combine(outDir, "mitigated.latents.csv")));
    }

    [Fact]
    public void A_classical_model_is_rejected_and_nothing_is_written()
    {
        var result = QganProcess.Run("hardware-sim", "--model", models.Classical, "--shots", "100", "--count", "4");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("classical generator", result.StdErr);
        Assert.Equal("", result.StdOut);
        Assert.False(Directory.Exists(Path.Combine(models.Classical, "hardware")));
    }

    [Theory]
    [InlineData("--shots", "0", "--shots")]
    [InlineData("--count", "1", "--count")]
    [InlineData("--trajectories", "0", "--trajectories")]
    [InlineData("--mitigate-readout", null, "--noise")]
    [InlineData("--reference-rows", "1", "--reference-rows")]
    [InlineData("--synthetic", "50", "--autoencoder")]
    public void Bad_flags_exit_2_naming_the_flag_and_write_nothing(string flag, string? value, string named)
    {
        var outDir = Path.Combine(models.NewDirectory(), "out");
        var defaults = new Dictionary<string, string> { ["--count"] = "4", ["--shots"] = "50" };
        defaults.Remove(flag);
        string[] args = ["hardware-sim", "--model", models.Quantum, "--out", outDir, .. defaults.SelectMany(d => new[] { d.Key, d.Value }), flag, .. value is null ? Array.Empty<string>() : [value]];

        var result = QganProcess.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(named, result.StdErr);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void A_noise_model_for_another_qubit_count_or_a_broken_one_is_named()
    {
        var twelve = models.NoiseModel(qubits: 12);
        var wrong = QganProcess.Run("hardware-sim", "--model", models.Quantum, "--count", "4", "--noise", twelve);
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("12 qubits", wrong.StdErr);

        var broken = Path.Combine(models.NewDirectory(), "broken.json");
        File.WriteAllText(broken, "{ \"format\": \"qgan-noise-model/1\", \"qubits\": [] }");
        var bad = QganProcess.Run("hardware-sim", "--model", models.Quantum, "--count", "4", "--noise", broken);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("broken.json", bad.StdErr);
    }
}
