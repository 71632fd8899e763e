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

        var stamp = File.ReadAllText(layout.ResultPath(0));
        var (again, trainedAgain) = new SweepRunExecutor(config, layout).Run(0);
        Assert.False(trainedAgain);
        Assert.Equal(result, again);
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
        Assert.False(SweepAnalysis.IsStable(rows[0], config.Analysis));
    }
}
