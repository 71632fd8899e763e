using System.Diagnostics;

using QGan.MLNet.Experiments.Tests;

namespace QGan.MLNet.Cli.Tests.Sweep;

/// <summary>Kill a running sweep process mid-way and run it again: finished runs stay, unfinished ones resume.</summary>
public sealed class SweepResumeTests
{
    // Three classical runs (seeds 1..3) of 400 iterations with a checkpoint every 20: each trains for 1-2 s.
    private const string Config = """
        {
          "data": { "latents": "lat.csv" },
          "heldOut": 40,
          "generators": { "classical": { "widths": [8], "depth": 1 } },
          "critic": { "widths": [8], "depth": 1 },
          "seeds": [1, 2, 3],
          "training": { "iterations": 400, "batchSize": 16, "criticSteps": 2, "metricsInterval": 40, "checkpointInterval": 20 },
          "analysis": { "lastK": 3, "bootstrap": { "samples": 10 } }
        }
        """;

    [Fact]
    public void Killed_sweep_resumes_without_rerunning_finished_runs_and_matches_an_uninterrupted_sweep()
    {
        using var ws = new SweepWorkspace();
        var config = ws.Config("sweep.json", Config);
        var killed = ws.Combine("killed");

        // 1. Start the sweep (one worker) and kill the whole process tree once run 0 is finished and run 1 has a checkpoint.
        using (var process = QganProcess.Start("sweep", "--config", config, "--out", killed, "--workers", "1"))
        {
            try
            {
                var clock = Stopwatch.StartNew();
                while (!(File.Exists(Path.Combine(killed, "runs", "0", "result.json"))
                    && File.Exists(Path.Combine(killed, "runs", "1", "checkpoints", "checkpoint.bin"))))
                {
                    Assert.False(process.HasExited, "the sweep ended before it could be interrupted");
                    Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), "the sweep made no progress");
                    Thread.Sleep(5);
                }
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }
        Assert.False(File.Exists(Path.Combine(killed, "runs", "1", "result.json")), "run 1 finished before the kill");
        Assert.False(File.Exists(Path.Combine(killed, "runs", "2", "result.json")));
        Assert.False(File.Exists(Path.Combine(killed, "runs.csv")));
        var run0Result = File.ReadAllBytes(Path.Combine(killed, "runs", "0", "result.json"));
        var run0Log = File.ReadAllText(Path.Combine(killed, "runs", "0", "log.txt"));
        var run0Time = File.GetLastWriteTimeUtc(Path.Combine(killed, "runs", "0", "result.json"));

        // 2. Run it again: exit 0, run 0 untouched, run 1 resumed from its checkpoint, run 2 trained from scratch.
        var resumed = QganProcess.Run("sweep", "--config", config, "--out", killed, "--workers", "1");
        Assert.True(resumed.ExitCode == 0, resumed.StdErr + resumed.StdOut);
        Assert.Equal(run0Result, File.ReadAllBytes(Path.Combine(killed, "runs", "0", "result.json")));
        Assert.Equal(run0Time, File.GetLastWriteTimeUtc(Path.Combine(killed, "runs", "0", "result.json")));
        Assert.Equal(run0Log, File.ReadAllText(Path.Combine(killed, "runs", "0", "log.txt")));
        var run1 = File.ReadAllText(Path.Combine(killed, "runs", "1", "result.json"));
        Assert.Matches("\"resumedFrom\": [1-9][0-9]*", run1);
        Assert.Contains("resumed from the checkpoint at iteration", File.ReadAllText(Path.Combine(killed, "runs", "1", "log.txt")));
        Assert.DoesNotContain("resumedFrom", File.ReadAllText(Path.Combine(killed, "runs", "2", "result.json")));

        // 3. The same sweep without interruption gives byte-identical runs.csv (but for the two timing columns, the last
        // two: wall-clock measurements) and summary.json.
        var clean = ws.Combine("clean");
        var uninterrupted = QganProcess.Run("sweep", "--config", config, "--out", clean, "--workers", "2");
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.StdErr);
        Assert.Equal(RunsCsvTimings.Without(Path.Combine(clean, "runs.csv")), RunsCsvTimings.Without(Path.Combine(killed, "runs.csv")));
        Assert.All(QGan.MLNet.Experiments.Runs.RunsCsv.Read(Path.Combine(killed, "runs.csv")), r => Assert.True(r.SecondsPerIteration > 0));
        Assert.Equal(File.ReadAllText(Path.Combine(clean, "summary.json")), File.ReadAllText(Path.Combine(killed, "summary.json")));
        Assert.Equal(4, File.ReadAllLines(Path.Combine(clean, "runs.csv")).Length);

        // 4. A third invocation trains nothing: every result.json is kept as it was.
        var before = Directory.GetFiles(clean, "result.json", SearchOption.AllDirectories).Select(File.ReadAllText).ToArray();
        var again = QganProcess.Run("sweep", "--config", config, "--out", clean);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(before, Directory.GetFiles(clean, "result.json", SearchOption.AllDirectories).Select(File.ReadAllText).ToArray());
    }
}
