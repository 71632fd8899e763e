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
            Assert.Equal(e with { Fid = null, FidSpread = null, Jsd = null, MaxAbsWasserstein = null }, c with { Fid = null, FidSpread = null, Jsd = null, MaxAbsWasserstein = null });
            Assert.Equal(e.MaxAbsWasserstein, completed ? c.MaxAbsWasserstein : null);
            if (e.Status == SweepRunStatus.Completed)
            {
                Assert.Equal(e.Fid!.Value, c.Fid!.Value, 12);
                Assert.Equal(e.FidSpread!.Value, c.FidSpread!.Value, 12);
            }
        }
        // Same analysis as from the hand-made runs.csv (see SweepAnalysisTests for the hand computation).
        var exp = summary.Fits.Exponential!;
        Assert.Equal(5.0245024025, exp.A, 8);
        Assert.Equal(0.0048334657, exp.B, 9);
        Assert.Equal(SweepAnalysis.Exponential, summary.Fits.Preferred);
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
