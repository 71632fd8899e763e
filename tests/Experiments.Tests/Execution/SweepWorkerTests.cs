using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Execution;
using QGan.MLNet.Experiments.Runs;
using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Experiments.Tests.Execution;

/// <summary>Several runs in one worker process give exactly what one process per run gives.</summary>
public sealed class SweepWorkerTests
{
    private const string Config = """
        {
          "data": { "latents": "lat.csv" },
          "heldOut": 20,
          "generators": { "quantum": { "qubits": 12, "layers": [1] }, "classical": { "widths": [3] } },
          "critic": { "widths": [6] },
          "seeds": [1],
          "training": { "iterations": 4, "batchSize": 8, "criticSteps": 1, "metricsInterval": 2 }
        }
        """;

    [Fact]
    public void One_worker_trains_several_runs_like_separate_executors_and_reports_each()
    {
        using var ws = new SweepWorkspace(80);
        var config = SweepConfigParser.Parse(Config, "sweep.json", ws.Root);
        var shared = new SweepLayout(ws.Combine("shared"));
        var output = new StringWriter();
        using (var executor = new SweepRunExecutor(config, shared) { Threads = 1 })
        {
            // Run 1 first, then run 0 in the same process; a bad line is reported and skipped.
            Assert.Equal(1, SweepWorker.Serve(executor, new StringReader("1\nnot-a-run\n0\n"), output));
        }
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([(1, (string?)null), (-1, "'not-a-run' is not a run index of this sweep (0..1)"), (0, null)], lines.Select(l => SweepWorker.Parse(l)!.Value));

        foreach (int index in new[] { 0, 1 })
        {
            var alone = new SweepLayout(ws.Combine($"alone-{index}"));
            using (var executor = new SweepRunExecutor(config, alone) { Threads = 1 })
            {
                executor.Run(index);
            }
            // The same trajectory and evaluation. Bit-identity needs the workers' environment (MKL_CBWR=AUTO, no tiered
            // compilation; the CLI resume test checks it); this test process has neither, so the last bits may differ.
            var a = MetricsLog.Read(alone.Run(index).MetricsPath);
            var b = MetricsLog.Read(shared.Run(index).MetricsPath);
            Assert.Equal(a.Select(m => m.Iteration), b.Select(m => m.Iteration));
            foreach (var (x, y) in a.Zip(b))
            {
                Close(x.GeneratorLoss, y.GeneratorLoss);
                Close(x.LatentFid, y.LatentFid);
                Close(x.ValidationFid, y.ValidationFid);
            }
            var ea = SweepRunResult.Load(alone.ResultPath(index)).Evaluation!.Spaces["latent"];
            var eb = SweepRunResult.Load(shared.ResultPath(index)).Evaluation!.Spaces["latent"];
            Close(ea.Fid, eb.Fid);
            Close(ea.Jsd, eb.Jsd);
        }
    }

    private static void Close(double? expected, double? actual)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is double e)
        {
            Assert.Equal(e, actual!.Value, Math.Abs(e) * 1e-6 + 1e-12);
        }
    }

    [Fact]
    public void Protocol_lines_round_trip_and_other_output_is_ignored()
    {
        Assert.Equal((7, (string?)null), SweepWorker.Parse(SweepWorker.Done(7)));
        Assert.Equal((3, "IOException: disk full"), SweepWorker.Parse(SweepWorker.Failed(3, "IOException: disk\nfull")));
        Assert.Null(SweepWorker.Parse("warning: something else"));
        Assert.Null(SweepWorker.Parse(null));
    }
}
