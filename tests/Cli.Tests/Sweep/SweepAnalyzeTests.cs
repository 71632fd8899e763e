using System.Text.Json;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Tests;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Cli.Tests.Sweep;

/// <summary>
/// <c>qgan sweep analyze</c>: summary.json from sweep.json and runs.csv alone (docs/sweep.md, section "Analysis"), on
/// the hand-made runs.csv, which has only the required columns (as another tool might write it) and no run folders.
/// </summary>
public sealed class SweepAnalyzeTests
{
    /// <summary>DIR with sweep.json (the hand-made grid) and runs.csv only.</summary>
    private static string Directory(SweepWorkspace ws)
    {
        var config = SweepConfigParser.Parse(HandMadeSweepDirectory.Config, "hand-made sweep.json", ws.Root);
        var dir = ws.Combine("sweep");
        System.IO.Directory.CreateDirectory(dir);
        AtomicFile.WriteAllText(Path.Combine(dir, SweepConfig.FileName), config.ToJson());
        HandMadeSweep.Write(dir);
        return dir;
    }

    [Fact]
    public void Summary_is_recomputed_from_sweep_json_and_runs_csv_without_run_folders()
    {
        using var ws = new SweepWorkspace(20);
        var dir = Directory(ws);
        File.WriteAllText(Path.Combine(dir, "noise-floor.json"),
            """{ "format": "qgan-noise-floor/1", "evalSamples": 400, "spaces": { "latent": { "fid": 0.8, "jsd": 0.01 }, "feature": { "fid": 2.0 } } }""");
        var result = QganProcess.Run("sweep", "analyze", "--sweep", dir);
        Assert.True(result.ExitCode == 0, result.StdErr + result.StdOut);
        Assert.False(System.IO.Directory.Exists(Path.Combine(dir, "runs")));
        Assert.Contains("classical capacity needed vs quantum:", result.StdOut);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        var root = json.RootElement;
        Assert.Equal("qgan-sweep-summary/2", root.GetProperty("format").GetString());
        Assert.Equal("latent", root.GetProperty("space").GetString());
        var fits = root.GetProperty("fits");
        foreach (var law in new[] { "exponential", "power" })
        {
            var fit = fits.GetProperty(law);
            Assert.Equal(JsonValueKind.Number, fit.GetProperty("a").ValueKind);
            Assert.Equal(JsonValueKind.Number, fit.GetProperty("b").ValueKind);
            Assert.Equal(2, fit.GetProperty("ci").GetProperty("b").GetArrayLength());
        }
        // preferred: "exponential", "power" or null; the hand-made data's exponential fit (see SweepAnalysisTests).
        Assert.Equal(4.7532347175, fits.GetProperty("exponential").GetProperty("a").GetDouble(), 5);
        Assert.True(fits.GetProperty("preferred").ValueKind is JsonValueKind.String or JsonValueKind.Null || !fits.TryGetProperty("preferred", out _));
        foreach (var kind in new[] { "quantum", "classical" })
        {
            Assert.True(root.GetProperty("criticFits").GetProperty(kind).TryGetProperty("verdict", out _));
        }
        var matching = root.GetProperty("matching");
        Assert.Equal(4, matching.GetArrayLength());
        Assert.Equal(2, matching[0].GetProperty("ci").GetArrayLength());
        var counts = root.GetProperty("counts");
        Assert.Equal((0, 0), (counts.GetProperty("converged").GetInt32(), counts.GetProperty("budgetLimited").GetInt32()));
        var floor = root.GetProperty("noiseFloor");
        Assert.Equal(0.8, floor.GetProperty("fid").GetDouble());
        Assert.Equal(2.0, floor.GetProperty("spaces").GetProperty("feature").GetProperty("fid").GetDouble());

        // The report reads runs.csv when there are no run folders.
        var report = QganProcess.Run("report", "--sweep", dir, "--out", ws.Combine("report"));
        Assert.True(report.ExitCode == 0, report.StdErr);
        var html = File.ReadAllText(ws.Combine("report", "index.html"));
        Assert.Contains("36 of 36 runs finished", html);
        Assert.Contains("Noise floor (FID between two disjoint real held-out sets of 400 samples): latent 0.8, feature 2", html);

        // Idempotent: the same inputs give the same bytes.
        var bytes = File.ReadAllBytes(Path.Combine(dir, "summary.json"));
        Assert.Equal(0, QganProcess.Run("sweep", "analyze", "--sweep", dir).ExitCode);
        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(dir, "summary.json")));
    }

    [Fact]
    public void Bad_inputs_exit_2_naming_the_file_and_leave_no_summary()
    {
        using var ws = new SweepWorkspace(20);
        var dir = Directory(ws);
        var summary = Path.Combine(dir, "summary.json");

        var feature = QganProcess.Run("sweep", "analyze", "--sweep", dir, "--space", "feature");
        Assert.Equal(2, feature.ExitCode);
        Assert.Contains("no run has a value in column feature_fid", feature.StdErr);
        Assert.False(File.Exists(summary));

        var csv = Path.Combine(dir, "runs.csv");
        File.WriteAllText(csv, File.ReadAllText(csv).Replace("0,quantum,12,1,,,8,1,1,144,209,completed", "0,quantum,12,1,,,8,1,1,144,209,finished"));
        var broken = QganProcess.Run("sweep", "analyze", "--sweep", dir);
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("line 2, column status", broken.StdErr);
        Assert.False(File.Exists(summary));

        File.Delete(csv);
        var missing = QganProcess.Run("sweep", "analyze", "--sweep", dir);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("runs.csv", missing.StdErr);

        File.WriteAllText(Path.Combine(dir, "noise-floor.json"), """{ "format": "qgan-noise-floor/1", "evalSamples": 400, "spaces": { "latent": { "fid": -1 } } }""");
        HandMadeSweep.Write(dir);
        var floor = QganProcess.Run("sweep", "analyze", "--sweep", dir);
        Assert.Equal(2, floor.ExitCode);
        Assert.Contains("noise-floor.json: $.spaces.latent", floor.StdErr);
        Assert.False(File.Exists(summary));
    }
}
