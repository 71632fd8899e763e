using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Cli.Tests.Sweep;

/// <summary>
/// runs.csv without its timing columns: they are CPU-time measurements (docs/sweep.md), the one documented exception
/// to "a resumed sweep's runs.csv is byte-identical to an uninterrupted one's".
/// </summary>
internal static class RunsCsvTimings
{
    private static readonly string[] TimingColumns = ["seconds_per_iteration", "inference_seconds_per_sample"];

    public static string[] Without(string path)
    {
        // Every column of runs.csv is numeric or a plain word except `error` (which may be quoted): the rows compared
        // here have no error, so splitting on commas is exact.
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var drop = TimingColumns.Select(c => Array.IndexOf(header, c)).ToHashSet();
        Assert.DoesNotContain(-1, drop);
        Assert.Equal(RunsCsv.AllColumns.Length, header.Length);
        return [.. lines.Select(line =>
        {
            var cells = line.Split(',');
            Assert.Equal(header.Length, cells.Length);
            return string.Join(',', cells.Where((_, i) => !drop.Contains(i)));
        })];
    }
}
