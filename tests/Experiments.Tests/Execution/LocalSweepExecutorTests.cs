using System.Globalization;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Execution;
using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Experiments.Tests.Execution;

/// <summary>A worker process that dies (a native abort) leaves a crash record saying how, and its run stays unfinished.</summary>
public sealed class LocalSweepExecutorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_worker_killed_by_a_signal_is_recorded_as_a_crash_with_its_exit_code_and_last_error_line()
    {
        var rng = new Random(3);
        File.WriteAllLines(Path.Combine(_dir.Path, "lat.csv"), Enumerable.Range(0, 40).Select(_ =>
            string.Join(",", Enumerable.Range(0, 6).Select(_ => (rng.NextDouble() - 0.5).ToString("F4", CultureInfo.InvariantCulture)))));
        var config = SweepConfigParser.Parse("""
            {
              "data": { "latents": "lat.csv" },
              "heldOut": 10,
              "generators": { "classical": { "widths": [5, 6], "depth": 1 } },
              "critic": { "widths": [7], "depth": 1 },
              "seeds": [1],
              "training": { "iterations": 2 }
            }
            """, "sweep.json", _dir.Path);
        var layout = SweepDirectory.Prepare(config, Path.Combine(_dir.Path, "out"));
        // Stands in for `qgan sweep run-one`: prints a native error and aborts, as libtorch does on a failed assert.
        var worker = new WorkerCommand("/bin/sh", ["-c", "echo 'terminate called after throwing c10::Error' >&2; kill -ABRT $$", "worker"]);

        var outcome = new LocalSweepExecutor(layout, config, workers: 2, threadsPerWorker: 1, worker).Run((_, _, _, _) => { });

        Assert.Equal(0, outcome.Succeeded);
        Assert.Equal([0, 1], outcome.Failures.Select(f => f.Index).Order());
        foreach (var index in new[] { 0, 1 })
        {
            Assert.True(layout.HasCrashed(index));
            var crash = SweepRunCrash.Load(layout.CrashPath(index));
            Assert.Equal("worker process exited with code 134 (signal 6): terminate called after throwing c10::Error", crash.Error);
            Assert.Null(crash.Iteration);
        }
        var summary = SweepCollector.Collect(layout);
        Assert.Equal((0, 2, 0), (summary.Counts.Finished, summary.Counts.Crashed, summary.Counts.Missing));
        Assert.Empty(SweepCollector.Rows(config, layout)); // they never built their networks: no runs.csv row, listed in the summary
        Assert.Equal([0, 1], summary.Crashed.Select(c => c.Index));
    }
}
