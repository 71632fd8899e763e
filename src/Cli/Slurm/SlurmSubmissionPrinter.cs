using QGan.MLNet.Experiments.Runs;
using QGan.MLNet.Experiments.Slurm;
using Spectre.Console;

namespace QGan.MLNet.Cli.Slurm;

/// <summary>Prints what a Slurm submit or resubmit did (the dry run's script, the accepted job, or why nothing was sent).</summary>
internal static class SlurmSubmissionPrinter
{
    public static int Print(SlurmSweepSubmission.Outcome outcome, SweepLayout layout, int totalRuns, SlurmSweepSubmission.Selection selection)
    {
        foreach (var warning in outcome.Warnings)
        {
            Console.Error.WriteLine($"warning: {warning}");
        }
        if (outcome.Plan is null)
        {
            var active = outcome.Active.Count > 0 ? $" ({ArrayRanges.Format(outcome.Active)})" : "";
            Console.WriteLine(
                $"nothing to {(selection == SlurmSweepSubmission.Selection.Failed ? "resubmit" : "submit")}: {outcome.Finished} finished, " +
                $"{outcome.Active.Count} queued or running{active}, {outcome.NeverSubmitted} never submitted, of {totalRuns} runs");
            return 0;
        }
        if (outcome.Submission is not { } submission)
        {
            Console.WriteLine($"# {outcome.Plan.ScriptPath}");
            Console.Write(outcome.Plan.Script);
            Console.WriteLine();
            Console.WriteLine($"# submit with: {ShellQuote.Join(outcome.Plan.Command)}");
            return 0;
        }
        AnsiConsole.MarkupLine(
            $"submitted job [bold]{Markup.Escape(submission.JobId)}[/]: {outcome.Selected.Count} run(s), array {Markup.Escape(submission.Array)} " +
            $"({outcome.Finished} finished, {outcome.Active.Count} already queued or running)");
        AnsiConsole.MarkupLine($"logs: {Markup.Escape(BatchScript.LogPattern(layout))}; follow with: qgan sweep status --out {Markup.Escape(ShellQuote.Quote(layout.Directory))}");
        return 0;
    }
}
