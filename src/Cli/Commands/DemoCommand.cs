using System.CommandLine;
using System.Globalization;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Data.Synthetic;
using Spectre.Console;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan demo</c>: the end-to-end demonstration. For now it generates the synthetic SAT-4-like data set and prints
/// its summary (patches per class, per-band mean and standard deviation).
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "Number of synthetic patches.", DefaultValueFactory = _ => 4000 };
        var seed = new Option<ulong>("--seed") { Description = "Generator seed.", DefaultValueFactory = _ => 42 };
        var command = new Command("demo", "Run the demonstration on the built-in synthetic SAT-4-like data.");
        command.Options.Add(count);
        command.Options.Add(seed);
        command.SetAction(parseResult => CommandRunner.Run(() =>
        {
            var n = parseResult.GetValue(count);
            if (n <= 0)
            {
                throw new ArgumentException($"--count must be positive (got {n}).");
            }
            var s = parseResult.GetValue(seed);
            var split = Sat4SyntheticGenerator.Generate(n, s);
            AnsiConsole.MarkupLine($"[bold]Synthetic SAT-4-like data[/] (not satellite imagery): {n} patches, seed {s}");
            AnsiConsole.Write(SummaryTable(split));
            return 0;
        }));
        return command;
    }

    /// <summary>One row per class and one for all patches: count and per-band mean ± std (uint8 scale).</summary>
    public static Table SummaryTable(Sat4Split split)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Caption("per-band mean ± std of the uint8 values");
        table.AddColumn("class");
        table.AddColumn(new TableColumn("patches").RightAligned());
        foreach (var band in Sat4Schema.ChannelNames)
        {
            table.AddColumn(new TableColumn(band).RightAligned());
        }
        for (var k = 0; k < Sat4Schema.ClassCount; k++)
        {
            AddRow(table, Sat4SplitStatistics.ComputeForClass(split, k));
        }
        AddRow(table, split.ComputeStatistics() with { Name = "all" });
        return table;
    }

    private static void AddRow(Table table, Sat4SplitStatistics stats)
    {
        var cells = new List<string> { Markup.Escape(stats.Name), stats.Count.ToString(CultureInfo.InvariantCulture) };
        for (var c = 0; c < Sat4Schema.Channels; c++)
        {
            cells.Add(stats.Count == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{stats.ChannelMeans[c]:F1}±{stats.ChannelStdDevs[c]:F1}"));
        }
        table.AddRow(cells.ToArray());
    }
}
