using System.Globalization;
using QGan.MLNet.Experiments.Analysis;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Runs;
using QGan.MLNet.Experiments.Tests;
using QGan.MLNet.Trainers.Gan.Models;

namespace QGan.MLNet.Experiments.Tests.Runs;

/// <summary>One run in process: the train code path's files, capacities, divergence as a finished run, no re-run.</summary>
public sealed class SweepRunExecutorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public SweepRunExecutorTests()
    {
        var rng = new Random(3);
        File.WriteAllLines(Path.Combine(_dir.Path, "lat.csv"), Enumerable.Range(0, 60).Select(i =>
            string.Join(",", Enumerable.Range(0, 6).Select(_ => (rng.NextDouble() - 0.5).ToString("F4", CultureInfo.InvariantCulture)))));
    }

    public void Dispose() => _dir.Dispose();

    private SweepConfig Config(string training) => SweepConfigParser.Parse($$"""
        {
          "data": { "latents": "lat.csv" },
          "heldOut": 20,
          "generators": { "classical": { "widths": [5], "depth": 2 } },
          "critic": { "widths": [7], "depth": 1 },
          "seeds": [4],
          "training": { {{training}} },
          "analysis": { "lastK": 2 }
        }
        """, "sweep.json", _dir.Path);

    [Fact]
    public void Completed_run_writes_the_train_outputs_with_analytic_capacities_and_is_not_rerun()
    {
        var config = Config("\"iterations\": 4, \"batchSize\": 8, \"criticSteps\": 1, \"metricsInterval\": 2, \"checkpointInterval\": 2, \"noiseDimension\": 3");
        var layout = new SweepLayout(Path.Combine(_dir.Path, "out"));
        var (result, trained) = new SweepRunExecutor(config, layout).Run(0);
        Assert.True(trained);
        Assert.Equal((SweepRunStatus.Completed, 4, (int?)null), (result.Status, result.Iterations, result.ResumedFrom));

        var record = SweepRunRecord.Load(layout.RunJsonPath(0));
        // Generator 3 -> 5 -> 5 -> 6: 4*5 + 6*5 + 6*6 = 86; critic 6 -> 7 -> 1: 7*7 + 8 = 57.
        Assert.Equal(86, record.GeneratorParameters);
        Assert.Equal(MlpCapacity.Count(3, [5, 5], 6), record.GeneratorParameters);
        Assert.Equal(57, record.CriticParameters);
        Assert.Equal(20, record.HeldOut);
        Assert.Equal(config.Options(config.Run(0)).ConfigHash(), record.ConfigHash);
        Assert.True(File.Exists(Path.Combine(layout.Run(0).GeneratorDirectory, TrainedGenerator.ManifestFileName)));
        Assert.True(File.Exists(layout.Run(0).CheckpointPath));
        // metrics rows at iterations 0, 1, 2, 4.
        Assert.Equal(5, File.ReadAllLines(layout.Run(0).MetricsPath).Length);

        // No early stopping: the budget ended the run and the last generator is the reported one; it was evaluated on
        // the 20 held-out rows in latent space (no decoder), and both costs were measured.
        Assert.Equal(("budget", (int?)4), (result.StopReason, result.BestIteration));
        var evaluation = result.Evaluation!;
        Assert.Equal(20, evaluation.EvalSamples);
        var latent = Assert.Single(evaluation.Spaces);
        Assert.Equal("latent", latent.Key);
        Assert.True(latent.Value.Fid > 0 && latent.Value.Jsd > 0);
        Assert.True(result.SecondsPerIteration > 0 && result.InferenceSecondsPerSample > 0);
        var row = Assert.Single(SweepCollector.Rows(config, layout));
        Assert.Equal((false, "budget", (int?)4, (int?)20), (row.Converged, row.StopReason, row.BestIteration, row.EvalSamples));
        Assert.NotNull(row.ValidationFid);
        Assert.NotEqual(row.ValidationFid, row.Fid); // another split

        var stamp = File.ReadAllText(layout.ResultPath(0));
        var (again, trainedAgain) = new SweepRunExecutor(config, layout).Run(0);
        Assert.False(trainedAgain);
        Assert.Equal(result with { Evaluation = null }, again with { Evaluation = null });
        Assert.Equal(latent.Value, again.Evaluation!.Spaces["latent"]);
        Assert.Equal(stamp, File.ReadAllText(layout.ResultPath(0)));
    }

    [Fact]
    public void Diverged_run_is_finished_with_its_reason_and_no_generator()
    {
        // Any loss above 1e-12 counts as an explosion: the run stops in its first critic step.
        var config = Config("\"iterations\": 4, \"batchSize\": 8, \"criticSteps\": 1, \"explosionThreshold\": 1e-12");
        var layout = new SweepLayout(Path.Combine(_dir.Path, "out"));
        var (result, _) = new SweepRunExecutor(config, layout).Run(0);
        Assert.Equal(SweepRunStatus.Diverged, result.Status);
        Assert.Equal(0, result.Iterations);
        Assert.Contains("training diverged at iteration 1", result.Divergence);
        Assert.True(layout.IsFinished(0));
        Assert.False(Directory.Exists(layout.Run(0).GeneratorDirectory));
        Assert.Contains("diverged:", File.ReadAllText(layout.LogPath(0)));

        var rows = SweepCollector.Rows(config, layout);
        Assert.Equal(SweepRunStatus.Diverged, Assert.Single(rows).Status);
        Assert.False(SweepAnalysis.Stability(rows, config.Analysis)[rows[0].Index].Stable);
    }

    [Fact]
    public void A_crash_is_recorded_with_its_cause_and_the_next_attempt_resumes_from_the_checkpoint()
    {
        var config = Config("\"iterations\": 6, \"batchSize\": 8, \"criticSteps\": 1, \"metricsInterval\": 2, \"checkpointInterval\": 2, \"noiseDimension\": 3");
        var layout = QGan.MLNet.Experiments.Execution.SweepDirectory.Prepare(config, Path.Combine(_dir.Path, "out"));
        // A first attempt stopped after its checkpoint at iteration 2 (cancelled like a killed worker)...
        using (var stop = new CancellationTokenSource())
        {
            var progress = new Inline(p => { if (p.Iteration == 3) { stop.Cancel(); } });
            Assert.ThrowsAny<OperationCanceledException>(() => new SweepRunExecutor(config, layout).Run(0, progress, stop.Token));
        }
        Assert.False(File.Exists(layout.CrashPath(0))); // cancelling is not crashing
        // ...then an attempt that crashes: the metrics file cannot be written (a folder is in its way).
        var metrics = layout.Run(0).MetricsPath;
        File.Delete(metrics);
        Directory.CreateDirectory(metrics);

        var crash = Assert.ThrowsAny<IOException>(() => new SweepRunExecutor(config, layout).Run(0));

        var record = SweepRunCrash.Load(layout.CrashPath(0));
        Assert.Equal(0, record.Index);
        Assert.Equal(2, record.Iteration);
        Assert.StartsWith(crash.GetType().Name + ": ", record.Error);
        Assert.DoesNotContain('\n', record.Error);
        Assert.True(layout.HasCrashed(0));
        Assert.False(layout.IsFinished(0));
        var row = Assert.Single(SweepCollector.Rows(config, layout));
        Assert.Equal((SweepRunStatus.Crashed, SweepRunStatus.Crashed, 2, record.Error), (row.Status, row.StopReason, row.Iterations, row.Error));
        Assert.Null(row.Fid);
        SweepCollector.Collect(layout);
        var summary = SweepSummary.FromJson(File.ReadAllText(layout.SummaryPath), layout.SummaryPath);
        Assert.Equal(new SweepCounts(1, 0, 0, 0, 0, 0, 1), summary.Counts);
        Assert.Equal(new CrashedRun(0, 2, record.Error), Assert.Single(summary.Crashed));
        Assert.True(summary.Partial);

        // The cause removed, the next attempt continues from the checkpoint at iteration 2 and the crash is history.
        Directory.Delete(metrics);
        var (result, trained) = new SweepRunExecutor(config, layout).Run(0);

        Assert.True(trained);
        Assert.Equal((SweepRunStatus.Completed, 6, (int?)2), (result.Status, result.Iterations, result.ResumedFrom));
        Assert.False(File.Exists(layout.CrashPath(0)));
        SweepCollector.Collect(layout);
        var after = SweepSummary.FromJson(File.ReadAllText(layout.SummaryPath), layout.SummaryPath);
        Assert.Equal((1, 0, 0), (after.Counts.Finished, after.Counts.Crashed, after.Counts.Missing));
        Assert.Empty(after.Crashed);
    }

    private sealed class Inline(Action<QGan.MLNet.Trainers.Gan.Training.TrainingProgress> report) : IProgress<QGan.MLNet.Trainers.Gan.Training.TrainingProgress>
    {
        public void Report(QGan.MLNet.Trainers.Gan.Training.TrainingProgress value) => report(value);
    }
}
