using System.Text.Json;

namespace QGan.MLNet.Cli.Tests.Hardware;

public sealed class DemoCommandTests
{
    [Fact]
    public void Quick_demo_runs_every_stage_end_to_end_and_a_rerun_resumes_from_its_outputs()
    {
        var outDir = Path.Combine(Directory.CreateTempSubdirectory("qgan-cli-demo-").FullName, "demo");

        var result = QganProcess.Run("demo", "--quick", "--out", outDir);

        Assert.True(result.ExitCode == 0, result.StdErr + result.StdOut);
        // Stage 1 prints the synthetic data summary per class and band.
        foreach (var name in new[] { "barren land", "trees", "grassland", "none", "NIR", "200 patches" })
        {
            Assert.Contains(name, result.StdOut);
        }
        var summary = Path.Combine(outDir, "summary.md");
        Assert.Contains(summary, result.StdOut.Replace("\n", ""));
        Assert.Equal(200, File.ReadAllLines(Path.Combine(outDir, "latents.csv")).Length);

        // The GAN stage is a sweep (docs/sweep.md): one quantum and one classical run, both finished.
        var sweep = Path.Combine(outDir, "sweep");
        var runsCsv = File.ReadAllLines(Path.Combine(sweep, "runs.csv"));
        Assert.Equal(3, runsCsv.Length);
        Assert.StartsWith("0,quantum,12,1,", runsCsv[1]);
        Assert.StartsWith("1,classical,,,8,2,", runsCsv[2]);
        using var sweepSummary = JsonDocument.Parse(File.ReadAllText(Path.Combine(sweep, "summary.json")));
        Assert.Equal(2, sweepSummary.RootElement.GetProperty("counts").GetProperty("finished").GetInt32());
        Assert.True(File.Exists(Path.Combine(sweep, "runs", "0", "generator", "decoder.onnx")));

        // The sweep's post-pass: noise floor in every space, the autoencoder's reconstruction error, and the shot study of
        // the quantum depth's best run (ideal and Heron-like noise at 100 and 1000 shots, 40 samples: the held-out size).
        using (var floor = JsonDocument.Parse(File.ReadAllText(Path.Combine(sweep, "noise-floor.json"))))
        {
            Assert.Equal(["feature", "latent", "pixel"], floor.RootElement.GetProperty("spaces").EnumerateObject().Select(p => p.Name));
        }
        Assert.True(File.Exists(Path.Combine(sweep, "autoencoders.json")));
        using (var shots = JsonDocument.Parse(File.ReadAllText(Path.Combine(sweep, "shots.json"))))
        {
            var root = shots.RootElement;
            Assert.Equal("qgan-shot-study/1", root.GetProperty("format").GetString());
            Assert.Equal(40, root.GetProperty("evalSamples").GetInt32());
            var depth = Assert.Single(root.GetProperty("depths").EnumerateArray());
            Assert.Equal((1, 12, 0), (depth.GetProperty("layers").GetInt32(), depth.GetProperty("qubits").GetInt32(), depth.GetProperty("run").GetInt32()));
            foreach (var device in new[] { "ideal", "noisy" })
            {
                var points = depth.GetProperty(device).EnumerateArray().ToList();
                Assert.Equal([100L, 1000L], points.Select(p => p.GetProperty("shots").GetInt64()));
                Assert.All(points, p => Assert.True(p.GetProperty("spaces").GetProperty("latent").GetProperty("fid").GetDouble() > 0));
            }
        }
        // The HTML report of the sweep (qgan report) with its figures and the shot study (RQ4).
        var index = File.ReadAllText(Path.Combine(outDir, "report", "index.html"));
        Assert.Contains("Hardware-like sampling against shots (RQ4)", index);
        Assert.True(File.Exists(Path.Combine(outDir, "report", "shots.png")));
        Assert.True(File.Exists(Path.Combine(outDir, "report", "samples-real-rgb.png")));
        Assert.Contains(Path.Combine(outDir, "report", "index.html"), result.StdOut.Replace("\n", ""));
        Assert.True(File.Exists(Path.Combine(outDir, "qasm", "manifest.json")));
        Assert.True(File.Exists(Path.Combine(outDir, "qasm", "sample-0003-x.qasm")));
        var markdown = File.ReadAllText(summary);
        Assert.Contains("quantum L=1", markdown);
        Assert.Contains("| 1 | 0 | ibm-heron-like | 1000 |", markdown);
        using (var demo = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "demo.json"))))
        {
            Assert.Equal("qgan-demo/1", demo.RootElement.GetProperty("format").GetString());
        }

        // A rerun with the same flags keeps every finished output (the runs are not retrained).
        var weights = File.GetLastWriteTimeUtc(Path.Combine(sweep, "runs", "0", "generator", "generator.bin"));
        var shotsTime = File.GetLastWriteTimeUtc(Path.Combine(sweep, "shots.json"));
        var rerun = QganProcess.Run("demo", "--quick", "--out", outDir);
        Assert.True(rerun.ExitCode == 0, rerun.StdErr + rerun.StdOut);
        Assert.Equal(weights, File.GetLastWriteTimeUtc(Path.Combine(sweep, "runs", "0", "generator", "generator.bin")));
        Assert.Equal(shotsTime, File.GetLastWriteTimeUtc(Path.Combine(sweep, "shots.json")));

        // Other flags on the same folder: refused with a clear message instead of mixing two demos.
        var changed = QganProcess.Run("demo", "--quick", "--iterations", "7", "--out", outDir);
        Assert.Equal(2, changed.ExitCode);
        Assert.Contains("other flags", changed.StdErr);
    }

    [Theory]
    [InlineData("--layers 2,1", "strictly increasing")]
    [InlineData("--widths 0", "--widths")]
    [InlineData("--qubits 3 --noise none", "--qubits 12")]
    [InlineData("--noise missing.json", "missing.json")]
    [InlineData("--autoencoder models --train-autoencoder", "not both")]
    public void Bad_flags_exit_2_before_anything_is_written(string flags, string message)
    {
        var outDir = Path.Combine(Directory.CreateTempSubdirectory("qgan-cli-demo-").FullName, "demo");

        var result = QganProcess.Run(["demo", "--quick", "--out", outDir, .. flags.Split(' ')]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StdErr);
        Assert.False(File.Exists(Path.Combine(outDir, "sweep", "sweep.json")));
    }
}
