using QGan.MLNet.Trainers.Experiments;
using Spectre.Console;

namespace QGan.MLNet.Cli.Slurm;

/// <summary>
/// The submit and resubmit flows: pick the runs (never a finished one, never one whose task is still queued or
/// running), then print (dry run) or submit one job array and tell the user which runs are in the queue.
/// </summary>
public static class SlurmSweepSubmission
{
    public enum Selection
    {
        /// <summary>qgan sweep --executor slurm: every unfinished run that is not queued or running.</summary>
        Unfinished,

        /// <summary>qgan sweep resubmit: runs whose task ended without a result (failed, cancelled, timeout, node failure, preempted, or ended unrecorded).</summary>
        Failed,
    }

    public static int Run(SweepLayout layout, SweepConfig config, SlurmSubmitOptions options, bool dryRun, Selection selection)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        if (!dryRun)
        {
            SlurmTools.Require("sbatch");
        }
        var jobs = SlurmJobsFile.Load(layout);
        var statuses = Statuses(layout, config, jobs, dryRun);
        var runs = statuses
            .Where(s => s.State is SlurmRunState.Failed or SlurmRunState.Unknown || (selection == Selection.Unfinished && s.State == SlurmRunState.NotSubmitted))
            .Select(s => s.Index)
            .ToList();
        var active = statuses.Where(s => s.State is SlurmRunState.Pending or SlurmRunState.Running).ToList();
        int finished = statuses.Count(s => s.State == SlurmRunState.Finished);
        if (runs.Count == 0)
        {
            Console.WriteLine($"nothing to {(selection == Selection.Failed ? "resubmit" : "submit")}: {finished} finished, {active.Count} queued or running{(active.Count > 0 ? $" ({ArrayRanges.Format(active.Select(a => a.Index))})" : "")}, {statuses.Count(s => s.State == SlurmRunState.NotSubmitted)} never submitted, of {config.RunCount} runs");
            return 0;
        }

        var submitter = new SlurmSubmitter(layout, options, options.Launcher ?? QganLauncher.Current());
        var plan = submitter.Prepare(runs, jobs);
        if (dryRun)
        {
            Console.WriteLine($"# {plan.ScriptPath}");
            Console.Write(plan.Script);
            Console.WriteLine();
            Console.WriteLine($"# submit with: {ShellQuote.Join(plan.Command)}");
            return 0;
        }
        SlurmSubmitter.CheckArraySize(plan.Runs);
        var submission = submitter.Submit(plan, jobs, selection == Selection.Failed ? "resubmit" : "submit");
        AnsiConsole.MarkupLine(
            $"submitted job [bold]{Markup.Escape(submission.JobId)}[/]: {runs.Count} run(s), array {Markup.Escape(submission.Array)} " +
            $"({finished} finished, {active.Count} already queued or running)");
        AnsiConsole.MarkupLine($"logs: {Markup.Escape(BatchScript.LogPattern(layout))}; follow with: qgan sweep status --out {Markup.Escape(ShellQuote.Quote(layout.Directory))}");
        return 0;
    }

    /// <summary>Run states; a dry run on a machine without squeue treats every unfinished run as unsubmitted.</summary>
    private static IReadOnlyList<SlurmRunStatus> Statuses(SweepLayout layout, SweepConfig config, SlurmJobsFile jobs, bool dryRun)
    {
        var jobIds = jobs.Submissions.Select(s => s.JobId).Distinct().ToList();
        if (jobIds.Count > 0 && dryRun && SlurmTools.Find("squeue") is null)
        {
            Console.Error.WriteLine("warning: squeue not found; runs still queued are not excluded from this dry run");
            jobs = new SlurmJobsFile();
        }
        return SlurmRunStatus.Of(layout, config, jobs, SlurmQueue.Query(jobs.Submissions.Select(s => s.JobId).Distinct().ToList()));
    }
}
