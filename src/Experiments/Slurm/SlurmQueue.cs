using System.Globalization;

namespace QGan.MLNet.Experiments.Slurm;

/// <summary>
/// The Slurm state of a sweep's array tasks: active tasks from <c>squeue</c> (always available on a submit host),
/// finished ones from <c>sacct</c> (needs accounting) or else <c>scontrol show job</c> (remembers jobs for
/// MinJobAge after they end).
/// </summary>
public sealed class SlurmQueue
{
    private readonly Dictionary<(string Job, int Task), SlurmTaskState> active = [];
    private readonly Dictionary<(string Job, int Task), SlurmTaskState> ended = [];

    private SlurmQueue()
    {
    }

    /// <summary>A queue snapshot from already known task states (tests, benchmarks, offline status).</summary>
    public static SlurmQueue FromStates(IEnumerable<SlurmTaskState> active, IEnumerable<SlurmTaskState> ended, string endedSource = "none")
    {
        var queue = new SlurmQueue { EndedSource = endedSource };
        foreach (var t in active)
        {
            queue.active[(t.JobId, t.TaskId)] = t;
        }
        foreach (var t in ended)
        {
            queue.ended[(t.JobId, t.TaskId)] = t;
        }
        return queue;
    }

    /// <summary>Where the finished states came from: sacct, scontrol or none.</summary>
    public string EndedSource { get; private set; } = "none";

    /// <summary>Queries the states of every array task of <paramref name="jobIds"/>; throws when squeue is missing or fails.</summary>
    public static SlurmQueue Query(IReadOnlyCollection<string> jobIds)
    {
        var queue = new SlurmQueue();
        if (jobIds.Count == 0)
        {
            return queue;
        }
        var ids = string.Join(',', jobIds);
        var squeue = SlurmTools.Run("squeue", ["--noheader", "--array", $"--jobs={ids}", "--format=%F|%K|%T|%r"]);
        // squeue fails with "Invalid job id" when none of the jobs is known any more: nothing is active.
        if (!squeue.Succeeded && !squeue.StdErr.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase))
        {
            throw new SlurmException($"squeue failed (exit {squeue.ExitCode}): {squeue.StdErr.Trim()}");
        }
        foreach (var task in squeue.Succeeded ? ParseSqueue(squeue.StdOut) : [])
        {
            queue.active[(task.JobId, task.TaskId)] = task;
        }

        var sacct = SlurmTools.TryRun("sacct", ["--noheader", "--parsable2", "--allocations", $"--jobs={ids}", "--format=JobID,State"]);
        if (sacct is { Succeeded: true })
        {
            queue.EndedSource = "sacct";
            foreach (var task in ParseSacct(sacct.StdOut))
            {
                queue.ended[(task.JobId, task.TaskId)] = task;
            }
        }
        else
        {
            foreach (var job in jobIds)
            {
                var scontrol = SlurmTools.TryRun("scontrol", ["--oneliner", "show", "job", job]);
                if (scontrol is { Succeeded: true })
                {
                    queue.EndedSource = "scontrol";
                    foreach (var task in ParseScontrol(scontrol.StdOut))
                    {
                        queue.ended[(task.JobId, task.TaskId)] = task;
                    }
                }
            }
        }
        return queue;
    }

    /// <summary>The task's state: the queue's when it is queued or running, else the last one recorded (null: unknown).</summary>
    public SlurmTaskState? Find(string jobId, int taskId) =>
        active.TryGetValue((jobId, taskId), out var a) ? a : ended.GetValueOrDefault((jobId, taskId));

    /// <summary>Lines "arrayJobId|taskId|STATE|reason" (squeue -r -o '%F|%K|%T|%r').</summary>
    public static IEnumerable<SlurmTaskState> ParseSqueue(string output)
    {
        foreach (var line in Lines(output))
        {
            var f = line.Split('|');
            if (f.Length >= 3 && int.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out int task))
            {
                yield return new SlurmTaskState(f[0], task, f[2], f.Length > 3 && f[3] is not ("None" or "") ? f[3] : null);
            }
        }
    }

    /// <summary>Lines "JOB_TASK|STATE" (sacct -P -X -o JobID,State); "CANCELLED by 0" keeps its first word.</summary>
    public static IEnumerable<SlurmTaskState> ParseSacct(string output)
    {
        foreach (var line in Lines(output))
        {
            var f = line.Split('|');
            var id = f[0].Split('_');
            if (f.Length >= 2 && id.Length == 2 && int.TryParse(id[1], NumberStyles.None, CultureInfo.InvariantCulture, out int task))
            {
                yield return new SlurmTaskState(id[0], task, f[1].Split(' ')[0], null);
            }
        }
    }

    /// <summary>scontrol -o show job: one line per array element with ArrayJobId=, ArrayTaskId=, JobState=, Reason=.</summary>
    public static IEnumerable<SlurmTaskState> ParseScontrol(string output)
    {
        foreach (var line in Lines(output))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(f => f.Split('=', 2))
                .Where(kv => kv.Length == 2)
                .GroupBy(kv => kv[0])
                .ToDictionary(g => g.Key, g => g.First()[1]);
            if (!fields.TryGetValue("ArrayJobId", out var job) || !fields.TryGetValue("ArrayTaskId", out var tasks) || !fields.TryGetValue("JobState", out var state))
            {
                continue;
            }
            var reason = fields.GetValueOrDefault("Reason") is { } r && r != "None" ? r : null;
            // A pending remainder of an array is one line with a range ("6-9%2").
            foreach (var task in ArrayRanges.Parse(tasks))
            {
                yield return new SlurmTaskState(job, task, state, reason);
            }
        }
    }

    private static IEnumerable<string> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
