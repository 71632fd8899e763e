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
            Print(SweepCollector.Collect(layout), layout, wroteRunsCsv: true);
            return 0;
        }));
        return command;
    }

    /// <summary>The post-run measurements (<see cref="SweepPostPass"/>), with a line per step on the console.</summary>
    internal static void PostPass(Experiments.Config.SweepConfig config, SweepLayout layout) =>
        SweepPostPass.Run(config, layout, line => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(line)}[/]"));

    internal static void Print(SweepSummary summary, SweepLayout layout, bool wroteRunsCsv)
    {
        var c = summary.Counts;
        AnsiConsole.MarkupLine(
            $"{c.Finished}/{c.Total} runs finished ({c.Completed} completed, {c.Diverged} diverged, {c.Stable} stable; " +
            $"{c.Converged} converged, {c.BudgetLimited} budget-limited); " +
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
        AnsiConsole.MarkupLine($"FID: {Markup.Escape(summary.Space)} space (column {Markup.Escape(summary.FidColumn)}){(summary.NoiseFloor is { } f ? $", noise floor {f.Fid?.ToString("G4", CultureInfo.InvariantCulture) ?? "-"} ({Markup.Escape(f.Note)})" : "")}");
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var name in new[] { "generator", "params", "optimal critic width", "critic params (vertex)", "best stable FID" })
        {
            table.AddColumn(name);
        }
        foreach (var g in summary.Generators)
        {
            table.AddRow(
                Markup.Escape(g.Label), g.Parameters.ToString(CultureInfo.InvariantCulture),
                g.OptimalCritic?.CriticWidth.ToString(CultureInfo.InvariantCulture) ?? "-",
                g.CriticVertex switch
                {
                    { Status: CriticVertex.LeftCensored, CriticParameters: double v } => Markup.Escape($"<= {v:F0}"),
                    { Status: CriticVertex.RightCensored, CriticParameters: double v } => Markup.Escape($">= {v:F0}"),
                    { CriticParameters: double v } => v.ToString("F0", CultureInfo.InvariantCulture),
                    _ => "-",
                },
                g.BestFid?.ToString("G5", CultureInfo.InvariantCulture) ?? "-");
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"classical capacity needed vs quantum: {Markup.Escape(summary.Fits.Verdict)}");
        if (summary.CriticFits is { } critics)
        {
            AnsiConsole.MarkupLine($"optimal critic vs quantum generator: {Markup.Escape(critics.Quantum.Verdict)}");
            AnsiConsole.MarkupLine($"optimal critic vs classical generator: {Markup.Escape(critics.Classical.Verdict)}");
        }
        if (summary.Budget is { } budget)
        {
            AnsiConsole.MarkupLine($"{budget.BudgetLimitedCells} budget-limited cells; without the budget-limited runs the verdicts {(budget.Changed ? "[yellow]change[/]" : "do not change")}");
        }
        AnsiConsole.MarkupLine(wroteRunsCsv
            ? $"wrote {Markup.Escape(layout.RunsCsvPath)} and {Markup.Escape(layout.SummaryPath)}"
            : $"wrote {Markup.Escape(layout.SummaryPath)}");
    }
}
