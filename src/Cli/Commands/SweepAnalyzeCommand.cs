using System.CommandLine;
using QGan.MLNet.Experiments.Analysis;
using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Cli.Commands;

/// <summary><c>qgan sweep analyze</c>: recomputes DIR/summary.json from DIR/sweep.json and DIR/runs.csv alone (<see cref="SweepAnalysis.Analyze"/>).</summary>
public static class SweepAnalyzeCommand
{
    public static Command Create()
    {
        var sweep = new Option<string>("--sweep") { Description = "Sweep directory with sweep.json and runs.csv (run folders are not needed).", Required = true };
        var space = new Option<string?>("--space") { Description = "FID space of the headline analysis (overrides analysis.space): latent, feature or pixel." };
        space.AcceptOnlyFromAmong(FidSpaces.All.ToArray());
        var command = new Command("analyze", "Recompute DIR/summary.json from DIR/sweep.json and DIR/runs.csv (also a runs.csv written by another tool).");
        command.Options.Add(sweep);
        command.Options.Add(space);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var directory = parse.GetValue(sweep)!;
            var summary = SweepAnalysis.Analyze(directory, parse.GetValue(space));
            SweepCollectCommand.Print(summary, new SweepLayout(Path.GetFullPath(directory)), wroteRunsCsv: false);
            return 0;
        }));
        return command;
    }
}
