using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Cli.Tests.Sweep;

/// <summary>
/// runs.csv without its timing columns: they are wall-clock measurements (docs/sweep.md), the one documented exception
/// to "a resumed sweep's runs.csv is byte-identical to an uninterrupted one's".
/// </summary>
internal static class RunsCsvTimings
{
    public static string[] Without(string path)
    {
        // The timing columns are the last two, and numeric (no quoted commas).
        Assert.Equal(["seconds_per_iteration", "inference_seconds_per_sample"], RunsCsv.AllColumns[^2..]);
        return [.. File.ReadAllLines(path).Select(line => line[..line.LastIndexOf(',', line.LastIndexOf(',') - 1)])];
    }
}
