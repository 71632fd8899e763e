using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Experiments.Slurm;

/// <summary>The state of one run of a Slurm sweep, from its folder and the queue.</summary>
public enum SlurmRunState
{
    /// <summary>result.json exists (completed or diverged).</summary>
    Finished,

    /// <summary>Its array task is running.</summary>
    Running,

    /// <summary>Its array task is queued (pending, held, requeued).</summary>
    Pending,

    /// <summary>Its task left the queue without a result (failed, cancelled, timeout, node failure, preempted): resubmit resumes it.</summary>
    Failed,

    /// <summary>No submission contains it.</summary>
    NotSubmitted,

    /// <summary>
    /// Submitted, not in the queue, no result, and Slurm keeps no record of how its task ended (no accounting, and
    /// scontrol forgets jobs after MinJobAge): it is not running, so resubmit takes it like a failed run.
    /// </summary>
    Unknown,
}

/// <summary>One row of <c>qgan sweep status</c>.</summary>
public sealed record SlurmRunStatus(int Index, SlurmRunState State, string? Job, string? SlurmState, string? Detail, IReadOnlyList<string> LogTail)
{
    public const int TailLines = 12;

    /// <summary>The status of every run of the sweep in <paramref name="layout"/>.</summary>
    public static IReadOnlyList<SlurmRunStatus> Of(SweepLayout layout, SweepConfig config, SlurmJobsFile jobs, SlurmQueue queue)
    {
        // Index the submissions by run once (a linear scan per run is quadratic on sweeps of thousands of runs).
        var byRun = jobs.Submissions
            .SelectMany(s => s.Runs.Distinct().Select(run => (run, s)))
            .ToLookup(p => p.run, p => p.s);
        var rows = new List<SlurmRunStatus>(config.RunCount);
        for (int i = 0; i < config.RunCount; i++)
        {
            rows.Add(Of(layout, i, byRun[i].ToList(), queue));
        }
        return rows;
    }

    private static SlurmRunStatus Of(SweepLayout layout, int index, List<SlurmSubmission> submissions, SlurmQueue queue)
    {
        var latest = submissions.LastOrDefault();
        // Any submission still holding the task counts (a task is never submitted twice while active).
        var active = submissions.Select(s => queue.Find(s.JobId, index)).LastOrDefault(t => t is { IsActive: true });
        var seen = active ?? (latest is null ? null : queue.Find(latest.JobId, index));
        string? job = seen is not null ? $"{seen.JobId}_{index}" : latest is not null ? $"{latest.JobId}_{index}" : null;

        if (layout.IsFinished(index))
        {
            var result = SweepRunResult.Load(layout.ResultPath(index));
            return new(index, SlurmRunState.Finished, job, seen?.State, result.Status, []);
        }
        if (active is not null)
        {
            return new(index, active.IsRunning ? SlurmRunState.Running : SlurmRunState.Pending, job, active.State, active.Reason, []);
        }
        if (latest is null)
        {
            return new(index, SlurmRunState.NotSubmitted, null, null, null, []);
        }
        if (seen is null)
        {
            var where = queue.EndedSource == "none" ? "sacct and scontrol" : queue.EndedSource;
            return new(index, SlurmRunState.Unknown, job, null, $"not in the queue, no result, no record of job {latest.JobId} in {where}", ReadLogTail(layout, index));
        }
        var detail = $"ended {seen.State} without a result{(seen.Reason is null ? "" : $" ({seen.Reason})")}";
        return new(index, SlurmRunState.Failed, job, seen.State, detail, ReadLogTail(layout, index));
    }

    /// <summary>The last lines of the run's newest Slurm log (qgan's error is there) or else of its log.txt.</summary>
    public static IReadOnlyList<string> ReadLogTail(SweepLayout layout, int index)
    {
        var dir = layout.RunDirectory(index);
        if (!Directory.Exists(dir))
        {
            return [];
        }
        var log = new DirectoryInfo(dir).GetFiles("slurm-*.log").OrderBy(f => f.LastWriteTimeUtc).LastOrDefault()?.FullName;
        log ??= File.Exists(layout.LogPath(index)) ? layout.LogPath(index) : null;
        if (log is null)
        {
            return [];
        }
        var lines = File.ReadAllLines(log);
        return [$"==> {log} <==", .. lines.Skip(Math.Max(0, lines.Length - TailLines))];
    }

    public static string Name(SlurmRunState state) => state switch
    {
        SlurmRunState.NotSubmitted => "not-submitted",
        _ => state.ToString().ToLowerInvariant(),
    };
}
