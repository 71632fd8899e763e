using System.CommandLine;
using System.Globalization;
using QGan.MLNet.Experiments.Analysis;
using QGan.MLNet.Experiments.Execution;
using QGan.MLNet.Experiments.Runs;
using Spectre.Console;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan sweep collect</c>: makes the measurements that follow the runs when they are missing (noise floor,
/// autoencoders, and for a complete sweep the best cells' pixel FIDs and the shot study), then rebuilds runs.csv and
/// summary.json from the run folders (idempotent; partial sweeps are marked).
/// </summary>
public static class SweepCollectCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Sweep directory.", Required = true };
        var command = new Command("collect", "Make the post-run measurements that are missing (noise floor, autoencoders, best cells' pixel FID, shot study), then rebuild DIR/runs.csv and DIR/summary.json from the finished runs.");
        command.Options.Add(output);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var (layout, config) = SweepDirectory.Open(parse.GetValue(output)!);
            PostPass(config, layout);
            Print(SweepCollector.Collect(layout), layout);
            return 0;
        }));
        return command;
    }

    /// <summary>The post-run measurements (<see cref="SweepPostPass"/>), with a line per step on the console.</summary>
    internal static void PostPass(Experiments.Config.SweepConfig config, SweepLayout layout) =>
        SweepPostPass.Run(config, layout, line => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(line)}[/]"));

    internal static void Print(SweepSummary summary, SweepLayout layout)
    {
        var c = summary.Counts;
        AnsiConsole.MarkupLine(
            $"{c.Finished}/{c.Total} runs finished ({c.Completed} completed, {c.Diverged} diverged, {c.Stable} stable){(summary.Partial ? $" [yellow]partial: {c.Missing} missing[/]" : "")}");
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var name in new[] { "generator", "params", "optimal critic width", "critic params", "best stable FID" })
        {
            table.AddColumn(name);
        }
        foreach (var g in summary.Generators)
        {
            table.AddRow(
                Markup.Escape(g.Label), g.Parameters.ToString(CultureInfo.InvariantCulture),
                g.OptimalCritic?.CriticWidth.ToString(CultureInfo.InvariantCulture) ?? "-",
                g.OptimalCritic?.CriticParameters.ToString(CultureInfo.InvariantCulture) ?? "-",
                g.BestFid?.ToString("G5", CultureInfo.InvariantCulture) ?? "-");
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"scaling: {Markup.Escape(summary.Fits.Verdict)}");
        AnsiConsole.MarkupLine($"wrote {Markup.Escape(layout.RunsCsvPath)} and {Markup.Escape(layout.SummaryPath)}");
    }
}
