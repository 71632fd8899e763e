using System.Text;
using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Cli.Tests.Sweep;

/// <summary>
/// runs.csv without its timing columns: they are CPU-time measurements (docs/sweep.md), the one documented exception
/// to "a resumed sweep's runs.csv is byte-identical to an uninterrupted one's".
/// </summary>
internal static class RunsCsvTimings
{
    private static readonly string[] Timings = ["seconds_per_iteration", "inference_seconds_per_sample"];

    public static string[] Without(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = Fields(lines[0]);
        Assert.Equal(RunsCsv.AllColumns, header);
        var timing = Timings.Select(c => header.IndexOf(c)).ToHashSet();
        return [.. lines.Select(line => string.Join(",", Fields(line).Where((_, i) => !timing.Contains(i))))];
    }

    /// <summary>The fields of a line as written (quotes kept): commas inside a quoted field (a crash cause) do not split.</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        return fields;
    }
}
