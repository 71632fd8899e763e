using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Analysis;
using QGan.MLNet.Experiments.Runs;
using QGan.MLNet.Experiments.Tests.Analysis;
using QGan.MLNet.Experiments.Tests;

namespace QGan.MLNet.Experiments.Tests.Runs;

public sealed class SweepCollectorTests
{
    [Fact]
    public void Collecting_hand_written_run_folders_reproduces_the_hand_made_rows_and_their_analysis()
    {
        using var dir = new TempDirectory();
        var layout = HandMadeSweepDirectory.Write(dir.Path);
        var expected = RunsCsv.Read(Path.Combine(dir.Path, "hand-made-runs.csv"));

        var summary = SweepCollector.Collect(layout);
        var collected = RunsCsv.Read(layout.RunsCsvPath);
        Assert.Equal(expected.Count, collected.Count);
        foreach (var (e, c) in expected.Zip(collected))
        {
            bool completed = e.Status == SweepRunStatus.Completed; // diverged rows of the hand-made CSV leave their statistics empty
            Assert.Equal(e with { Fid = null, FidSpread = null, Jsd = null, MaxAbsWasserstein = null },
                c with { Fid = null, FidSpread = null, Jsd = null, MaxAbsWasserstein = null, GeneratorLr = null, CriticLr = null, StopReason = null, FidTrend = null, FidResidualSd = null });
            // A diverged run's stop reason follows from its status even where result.json predates the field.
            Assert.Equal(completed ? null : "diverged", c.StopReason);
            // The learning rates come from run.json's options: the kind's defaults in the hand-made sweep.
            var rates = SweepLearningRates.Default(c.IsQuantum ? Trainers.Gan.Training.GeneratorKind.Quantum : Trainers.Gan.Training.GeneratorKind.Classical);
            Assert.Equal((rates.Generator, rates.Critic), (c.GeneratorLr, c.CriticLr));
            Assert.Equal(e.MaxAbsWasserstein, completed ? c.MaxAbsWasserstein : null);
            if (e.Status == SweepRunStatus.Completed)
            {
                Assert.Equal(e.Fid!.Value, c.Fid!.Value, 12);
                Assert.Equal(e.FidSpread!.Value, c.FidSpread!.Value, 12);
                // Last FIDs f (1 - s/2), f (1 + s/2), f: trend d = f s / 2, residual SD sqrt(1.5) d (none with 2 evaluations).
                double d = e.Fid.Value * e.FidSpread.Value / 2;
                Assert.Equal(e.Evaluations >= 3 ? d : 2 * d, c.FidTrend!.Value, 10);
                if (e.Evaluations >= 3)
                {
                    Assert.Equal(Math.Sqrt(1.5) * d, c.FidResidualSd!.Value, 10);
                }
                else
                {
                    Assert.Null(c.FidResidualSd);
                }
            }
        }
        // The trajectory columns let the stability criterion decide instead of the spread rule, with the same outcome,
        // so the analysis is the hand-made runs.csv's (see SweepAnalysisTests for the hand computation).
        var config = QGan.MLNet.Experiments.Config.SweepConfigParser.Load(layout.ConfigPath);
        var fromCsv = SweepAnalysis.Summarize(expected, config.Analysis, 36);
        var judgedCsv = SweepAnalysis.Stability(expected, config.Analysis);
        var judgedCollected = SweepAnalysis.Stability(collected, config.Analysis);
        Assert.All(expected, r => Assert.Equal(judgedCsv[r.Index].Stable, judgedCollected[r.Index].Stable));
        Assert.Equal(fromCsv.Counts, summary.Counts);
        Assert.Equal(fromCsv.Matching.Select(m => m.Status), summary.Matching.Select(m => m.Status));
        Assert.Equal(fromCsv.Fits.Preferred, summary.Fits.Preferred);
        Assert.Equal(fromCsv.Fits.Exponential!.B, summary.Fits.Exponential!.B, 9);
        Assert.Equal(4.7532347175, summary.Fits.Exponential.A, 5);
        Assert.False(summary.Partial);

        // Idempotent, and a removed result.json makes the summary partial.
        var bytes = File.ReadAllBytes(layout.SummaryPath);
        SweepCollector.Collect(layout);
        Assert.Equal(bytes, File.ReadAllBytes(layout.SummaryPath));
        File.Delete(layout.ResultPath(35));
        var partial = SweepCollector.Collect(layout);
        Assert.True(partial.Partial);
        Assert.Equal(1, partial.Counts.Missing);
        Assert.Equal(35, File.ReadAllLines(layout.RunsCsvPath).Length - 1);
    }

    [Fact]
    public void Corrupt_run_files_are_named_in_the_error()
    {
        using var dir = new TempDirectory();
        var layout = HandMadeSweepDirectory.Write(dir.Path);
        File.WriteAllText(layout.ResultPath(3), "{ not json");
        var ex = Assert.Throws<InvalidDataException>(() => SweepCollector.Collect(layout));
        Assert.Contains(layout.ResultPath(3), ex.Message);
    }
}
