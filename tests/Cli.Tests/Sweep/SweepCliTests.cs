using System.Text.Json;

using QGan.MLNet.Experiments.Tests;

namespace QGan.MLNet.Cli.Tests.Sweep;

/// <summary>CLI contract of qgan sweep: config rejection, the single 12-qubit run, collect on a partial sweep.</summary>
public sealed class SweepCliTests
{
    private const string Valid = """
        {
          "data": { "latents": "lat.csv" },
          "heldOut": 40,
          "generators": { "quantum": { "layers": [1] }, "classical": { "widths": [4, 8], "depth": 1 } },
          "critic": { "widths": [8], "depth": 1 },
          "seeds": [1],
          "training": { "iterations": 6, "batchSize": 8, "criticSteps": 1, "metricsInterval": 3, "checkpointInterval": 3 },
          "analysis": { "lastK": 2, "bootstrap": { "samples": 0 } }
        }
        """;

    [Theory]
    [InlineData("\"seeds\": [1]", "\"seeds\": [1], \"workers\": 2", "$.workers", "is not a known field")]
    [InlineData("\"widths\": [4, 8]", "\"widths\": [4, 0]", "$.generators.classical.widths[1]", "must be >= 1")]
    [InlineData("\"layers\": [1]", "\"layers\": [1], \"qubits\": 5", "$.generators.quantum.qubits", "10 values, but the latent space has 24")]
    [InlineData("\"iterations\": 6", "\"iterations\": 0", "$.training.iterations", "must be in [1, 100000000], got 0")]
    [InlineData("\"widths\": [8], \"depth\": 1", "\"widths\": [], \"depth\": 1", "$.critic.widths", "empty")]
    [InlineData("\"layers\": [1]", "\"layers\": [0]", "$.generators.quantum.layers[0]", "must be >= 1")]
    public void Bad_config_exits_2_naming_the_key_and_writes_nothing(string find, string replace, string path, string problem)
    {
        using var ws = new SweepWorkspace(100);
        Assert.Contains(find, Valid);
        var config = ws.Config("bad.json", Valid.Replace(find, replace));
        var output = ws.Combine("out");
        var result = QganProcess.Run("sweep", "--config", config, "--out", output);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{path}: ", result.StdErr);
        Assert.Contains(problem, result.StdErr);
        Assert.False(Directory.Exists(output), "a rejected config must not create the sweep directory");

        var one = QganProcess.Run("sweep", "run-one", "--config", config, "--index", "0", "--out", output);
        Assert.Equal(2, one.ExitCode);
        Assert.Contains(path, one.StdErr);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Existing_directory_with_another_config_is_refused_naming_the_difference()
    {
        using var ws = new SweepWorkspace(100);
        var output = ws.Combine("out");
        var list = QganProcess.Run("sweep", "list", "--config", ws.Config("a.json", Valid));
        Assert.Equal(0, list.ExitCode);
        // Grid order: quantum L=1, then classical widths 4 and 8 (one critic, one seed).
        // Each kind's default learning rates (GanDefaults); no autoencoder (pre-encoded latents).
        static string Rates(QGan.MLNet.Trainers.Gan.Training.GeneratorKind kind)
        {
            var d = QGan.MLNet.Trainers.Gan.Training.GanDefaults.For(kind);
            return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{d.GeneratorLearningRate:R},{d.CriticLearningRate:R},");
        }
        var q = Rates(QGan.MLNet.Trainers.Gan.Training.GeneratorKind.Quantum);
        var c = Rates(QGan.MLNet.Trainers.Gan.Training.GeneratorKind.Classical);
        Assert.Equal([$"0,quantum,1,,8,1,{q}", $"1,classical,,4,8,1,{c}", $"2,classical,,8,8,1,{c}"], list.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1));

        var first = QganProcess.Run("sweep", "run-one", "--config", ws.Config("a.json", Valid), "--index", "1", "--out", output);
        Assert.True(first.ExitCode == 0, first.StdErr);
        var other = ws.Config("b.json", Valid.Replace("\"iterations\": 6", "\"iterations\": 7"));
        var refused = QganProcess.Run("sweep", "run-one", "--config", other, "--index", "1", "--out", output);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("$.training.iterations differs", refused.StdErr);

        var badIndex = QganProcess.Run("sweep", "run-one", "--config", ws.Config("a.json", Valid), "--index", "3", "--out", output);
        Assert.Equal(2, badIndex.ExitCode);
        Assert.Contains("--index must be in 0..2", badIndex.StdErr);
    }

    [Fact]
    public void A_crashed_run_is_reported_with_its_cause_exit_1_and_retried_by_the_next_sweep()
    {
        using var ws = new SweepWorkspace(100);
        // Three classical runs (widths 4, 8, 16).
        var config = ws.Config("sweep.json", Valid.Replace(
            "{ \"quantum\": { \"layers\": [1] }, \"classical\": { \"widths\": [4, 8], \"depth\": 1 } }",
            "{ \"classical\": { \"widths\": [4, 8, 16], \"depth\": 1 } }"));
        Assert.DoesNotContain("quantum", File.ReadAllText(config));
        var output = ws.Combine("out");
        Assert.Equal(0, QganProcess.Run("sweep", "run-one", "--config", config, "--index", "0", "--out", output).ExitCode);
        // A corrupt checkpoint makes run 1 crash when it tries to resume from it.
        var checkpoint = Path.Combine(output, "runs", "1", "checkpoints", "checkpoint.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(checkpoint)!);
        File.WriteAllText(checkpoint, "not a checkpoint");

        var result = QganProcess.Run("sweep", "--config", config, "--out", output, "--workers", "2");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("2/3 runs finished", result.StdOut);
        Assert.Contains("1 crashed", result.StdOut);
        Assert.Contains("run 1 crashed at iteration 0: InvalidDataException", result.StdOut);
        Assert.False(File.Exists(Path.Combine(output, "runs", "1", "result.json")));
        Assert.Contains("failed:", File.ReadAllText(Path.Combine(output, "runs", "1", "log.txt")));
        using (var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json"))))
        {
            var counts = summary.RootElement.GetProperty("counts");
            Assert.True(summary.RootElement.GetProperty("partial").GetBoolean());
            Assert.Equal((1, 0, 2), (counts.GetProperty("crashed").GetInt32(), counts.GetProperty("missing").GetInt32(), counts.GetProperty("finished").GetInt32()));
            var crash = Assert.Single(summary.RootElement.GetProperty("crashed").EnumerateArray());
            Assert.Equal(1, crash.GetProperty("index").GetInt32());
            Assert.Contains(checkpoint, crash.GetProperty("error").GetString());
        }
        var csv = File.ReadAllLines(Path.Combine(output, "runs.csv"));
        Assert.Equal(4, csv.Length); // header + runs 0, 1 (crashed) and 2
        var header = csv[0].Split(',');
        var crashedRow = csv[2];
        Assert.StartsWith("1,classical,", crashedRow);
        Assert.Contains(",crashed,", crashedRow);
        Assert.Contains("InvalidDataException", crashedRow);
        Assert.Contains("status", header);
        Assert.Contains("error", header);

        // The cause gone, the next sweep retries only the crashed run, which then finishes.
        File.Delete(checkpoint);
        var retried = QganProcess.Run("sweep", "--config", config, "--out", output, "--workers", "2");
        Assert.True(retried.ExitCode == 0, retried.StdOut + retried.StdErr);
        Assert.Contains("3/3 runs finished", retried.StdOut);
        Assert.Contains("0 crashed", retried.StdOut);
        Assert.True(File.Exists(Path.Combine(output, "runs", "1", "result.json")));
        Assert.False(File.Exists(Path.Combine(output, "runs", "1", "crash.json")));
    }

    [Fact]
    public void Twelve_qubit_run_records_its_capacity_and_a_partial_collect_is_marked()
    {
        using var ws = new SweepWorkspace(100);
        var config = ws.Config("sweep.json", Valid);
        var output = ws.Combine("out");

        // Run 0: the quantum generator, 12 qubits, one style layer, ZX readout (24 values = latent width).
        var run = QganProcess.Run("sweep", "run-one", "--config", config, "--index", "0", "--out", output);
        Assert.True(run.ExitCode == 0, run.StdErr);
        Assert.Contains("run 0: completed at iteration 6 (trained)", run.StdOut);
        using (var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "runs", "0", "run.json"))))
        {
            // 2 x (5 n L + n) = 2 x (60 + 12) = 144 trainable angles (weights and biases); critic 24-8-1: 25 x 8 + 9 = 209.
            Assert.Equal(144, record.RootElement.GetProperty("generatorParameters").GetInt64());
            Assert.Equal(209, record.RootElement.GetProperty("criticParameters").GetInt64());
            Assert.Equal("quantum", record.RootElement.GetProperty("generator").GetProperty("kind").GetString());
        }
        Assert.True(File.Exists(Path.Combine(output, "runs", "0", "generator", "manifest.json")));
        // metrics rows at iterations 0, 1, 3, 6 (metricsInterval 3, plus the first and the initial quality).
        Assert.Equal(5, File.ReadAllLines(Path.Combine(output, "runs", "0", "metrics.csv")).Length);

        // Running it again trains nothing.
        var result = File.ReadAllText(Path.Combine(output, "runs", "0", "result.json"));
        var again = QganProcess.Run("sweep", "run-one", "--config", config, "--index", "0", "--out", output);
        Assert.Contains("already finished", again.StdOut);
        Assert.Equal(result, File.ReadAllText(Path.Combine(output, "runs", "0", "result.json")));

        // Collect with 1 of 3 runs finished: partial summary with counts; idempotent bytes.
        var collect = QganProcess.Run("sweep", "collect", "--out", output);
        Assert.True(collect.ExitCode == 0, collect.StdErr);
        var summaryText = File.ReadAllText(Path.Combine(output, "summary.json"));
        var runsText = File.ReadAllText(Path.Combine(output, "runs.csv"));
        using (var summary = JsonDocument.Parse(summaryText))
        {
            Assert.True(summary.RootElement.GetProperty("partial").GetBoolean());
            var counts = summary.RootElement.GetProperty("counts");
            Assert.Equal((3, 1, 2), (counts.GetProperty("total").GetInt32(), counts.GetProperty("finished").GetInt32(), counts.GetProperty("missing").GetInt32()));
        }
        Assert.Equal(2, runsText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("0,quantum,12,1,,,8,1,1,144,209,completed,6,", runsText.Split('\n')[1]);
        Assert.Equal(0, QganProcess.Run("sweep", "collect", "--out", output).ExitCode);
        Assert.Equal(summaryText, File.ReadAllText(Path.Combine(output, "summary.json")));
        Assert.Equal(runsText, File.ReadAllText(Path.Combine(output, "runs.csv")));

        Assert.Equal(2, QganProcess.Run("sweep", "collect", "--out", ws.Combine("nothing")).ExitCode);
    }
}
