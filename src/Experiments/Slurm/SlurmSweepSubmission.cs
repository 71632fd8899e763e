using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Execution;
using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Experiments.Slurm;

/// <summary>
/// The submit and resubmit flows: pick the runs (never a finished one, never one whose task is still queued or
/// running), then prepare (dry run) or submit one job array. The caller prints the <see cref="Outcome"/>.
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

    /// <summary>What a submission did.</summary>
    /// <param name="Selected">Runs picked for this submission (empty: nothing to submit).</param>
    /// <param name="Finished">Runs already finished.</param>
    /// <param name="Active">Runs already queued or running (never resubmitted).</param>
    /// <param name="NeverSubmitted">Unfinished runs never submitted (and not selected).</param>
    /// <param name="Plan">The batch script and sbatch command (null when nothing was selected).</param>
    /// <param name="Submission">The accepted job (null for a dry run or when nothing was selected).</param>
    /// <param name="Warnings">Things the user should know (e.g. a dry run without squeue).</param>
    public sealed record Outcome(
        IReadOnlyList<int> Selected, int Finished, IReadOnlyList<int> Active, int NeverSubmitted,
        SlurmSubmitter.Plan? Plan, SlurmSubmission? Submission, IReadOnlyList<string> Warnings);

    /// <param name="launcher">Shell command that starts qgan on the nodes (default: <see cref="WorkerCommand.Current"/>).</param>
    public static Outcome Run(
        SweepLayout layout, SweepConfig config, SlurmSubmitOptions options, bool dryRun, Selection selection, string? launcher = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        if (!dryRun)
        {
            SlurmTools.Require("sbatch");
        }
        var warnings = new List<string>();
        var jobs = SlurmJobsFile.Load(layout);
        var statuses = Statuses(layout, config, jobs, dryRun, warnings);
        var runs = statuses
            .Where(s => s.State is SlurmRunState.Failed or SlurmRunState.Unknown || (selection == Selection.Unfinished && s.State == SlurmRunState.NotSubmitted))
            .Select(s => s.Index)
            .ToList();
        var active = statuses.Where(s => s.State is SlurmRunState.Pending or SlurmRunState.Running).Select(s => s.Index).ToList();
        int finished = statuses.Count(s => s.State == SlurmRunState.Finished);
        int neverSubmitted = statuses.Count(s => s.State == SlurmRunState.NotSubmitted && !runs.Contains(s.Index));
        if (runs.Count == 0)
        {
            return new Outcome(runs, finished, active, neverSubmitted, null, null, warnings);
        }

        var submitter = new SlurmSubmitter(layout, options, options.Launcher ?? launcher ?? WorkerCommand.Current().ToShell());
        var plan = submitter.Prepare(runs, jobs);
        if (dryRun)
        {
            return new Outcome(runs, finished, active, neverSubmitted, plan, null, warnings);
        }
        SlurmSubmitter.CheckArraySize(plan.Runs);
        var submission = submitter.Submit(plan, jobs, selection == Selection.Failed ? "resubmit" : "submit");
        return new Outcome(runs, finished, active, neverSubmitted, plan, submission, warnings);
    }

    /// <summary>Run states; a dry run on a machine without squeue treats every unfinished run as unsubmitted.</summary>
    private static IReadOnlyList<SlurmRunStatus> Statuses(
        SweepLayout layout, SweepConfig config, SlurmJobsFile jobs, bool dryRun, List<string> warnings)
    {
        var jobIds = jobs.Submissions.Select(s => s.JobId).Distinct().ToList();
        if (jobIds.Count > 0 && dryRun && SlurmTools.Find("squeue") is null)
        {
            warnings.Add("squeue not found; runs still queued are not excluded from this dry run");
            jobs = new SlurmJobsFile();
        }
        return SlurmRunStatus.Of(layout, config, jobs, SlurmQueue.Query(jobs.Submissions.Select(s => s.JobId).Distinct().ToList()));
    }
}
