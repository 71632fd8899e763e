using System.CommandLine;
using System.Globalization;
using QGan.MLNet.Experiments.Analysis;
using QGan.MLNet.Experiments.Execution;
using QGan.MLNet.Experiments.Runs;
using Spectre.Console;

namespace QGan.MLNet.Cli.Commands;

/// <summary><c>qgan sweep collect</c>: rebuilds runs.csv and summary.json from the run folders (idempotent; partial sweeps are marked).</summary>
public static class SweepCollectCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Sweep directory.", Required = true };
        var command = new Command("collect", "Rebuild DIR/runs.csv and DIR/summary.json from the finished runs.");
        command.Options.Add(output);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var (layout, _) = SweepDirectory.Open(parse.GetValue(output)!);
            Print(SweepCollector.Collect(layout), layout);
            return 0;
        }));
        return command;
    }

    internal static void Print(SweepSummary summary, SweepLayout layout)
    {
        var c = summary.Counts;
        AnsiConsole.MarkupLine(
            $"{c.Finished}/{c.Total} runs finished ({c.Completed} completed, {c.Diverged} diverged, {c.Stable} stable); " +
            $"{(c.Crashed > 0 ? "[red]" : "")}{c.Crashed} crashed{(c.Crashed > 0 ? "[/]" : "")}" +
            (c.Missing > 0 ? $"; [yellow]{c.Missing} not run yet[/]" : "") + (summary.Partial ? " [yellow](partial summary)[/]" : ""));
        foreach (var crash in summary.Crashed)
        {
            var where = crash.Iteration is int i ? $" at iteration {i}" : " before training";
            AnsiConsole.MarkupLine($"[red]run {crash.Index} crashed{where}[/]: {Markup.Escape(crash.Error)}");
        }
        if (c.Crashed > 0)
        {
            AnsiConsole.MarkupLine("crashed runs are retried from their checkpoints when qgan sweep runs again with the same --config and --out");
        }
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
