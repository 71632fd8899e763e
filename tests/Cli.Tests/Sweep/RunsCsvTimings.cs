using System.Text;
using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Cli.Tests.Sweep;

/// <summary>
/// runs.csv without its timing columns: they are wall-clock measurements (docs/sweep.md), the one documented exception
/// to "a resumed sweep's runs.csv is byte-identical to an uninterrupted one's".
/// </summary>
internal static class RunsCsvTimings
{
    private static readonly string[] Timings = ["seconds_per_iteration", "inference_seconds_per_sample"];

    public static string[] Without(string path)
    {
        var timing = Timings.Select(name => Array.IndexOf(RunsCsv.AllColumns, name)).ToHashSet();
        Assert.DoesNotContain(-1, timing);
        return [.. File.ReadAllLines(path).Select(line => string.Join(',', Fields(line).Where((_, i) => !timing.Contains(i))))];
    }

    /// <summary>The fields of one CSV line as written (quotes kept), split at the commas outside quotes.</summary>
    private static IEnumerable<string> Fields(string line)
    {
        var field = new StringBuilder();
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == ',' && !quoted)
            {
                yield return field.ToString();
                field.Clear();
                continue;
            }
            quoted ^= c == '"';
            field.Append(c);
        }
        yield return field.ToString();
    }
}
