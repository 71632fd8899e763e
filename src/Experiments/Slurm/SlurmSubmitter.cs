using QGan.MLNet.Experiments.Runs;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Experiments.Slurm;

/// <summary>
/// Submits runs of a sweep as one Slurm job array. One sbatch call per submission, so a submission is all or
/// nothing; the job id is recorded in <c>DIR/slurm/jobs.json</c> right after sbatch accepts it.
/// </summary>
public sealed class SlurmSubmitter(SweepLayout layout, SlurmSubmitOptions options, string launcher)
{
    public sealed record Plan(int Number, string ScriptPath, string Script, IReadOnlyList<string> Command, IReadOnlyList<int> Runs);

    public SlurmSubmitOptions Options { get; } = options;

    /// <summary>The script and sbatch command for <paramref name="runs"/> (nothing written).</summary>
    public Plan Prepare(IReadOnlyList<int> runs, SlurmJobsFile jobs)
    {
        int number = jobs.Submissions.Count + 1;
        var scriptPath = Path.Combine(SlurmJobsFile.DirectoryOf(layout), $"submit-{number}.sh");
        var script = BatchScript.Render(layout, Options, runs, launcher, number);
        return new Plan(number, scriptPath, script, ["sbatch", "--parsable", scriptPath], runs);
    }

    /// <summary>Checks the partition exists (sinfo) before anything is written or submitted.</summary>
    public static void CheckPartition(SlurmSubmitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Partition is null)
        {
            return;
        }
        var sinfo = SlurmTools.TryRun("sinfo", ["--noheader", $"--partition={options.Partition}", "--format=%P"]);
        if (sinfo is null)
        {
            return; // sbatch rejects an unknown partition itself; its error is shown.
        }
        if (!sinfo.Succeeded)
        {
            throw new SlurmException($"sinfo failed (exit {sinfo.ExitCode}): {sinfo.StdErr.Trim()}");
        }
        if (sinfo.StdOut.Trim().Length == 0)
        {
            var all = SlurmTools.Run("sinfo", ["--noheader", "--format=%P"]).StdOut
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => p.TrimEnd('*'));
            throw new ArgumentException($"--partition '{options.Partition}' does not exist on this cluster (partitions: {string.Join(", ", all)}); nothing was submitted");
        }
    }

    /// <summary>
    /// The array task id is the run index, and Slurm refuses indices >= MaxArraySize (default 1001) with a bare
    /// "Invalid job array specification": check it first (when scontrol can tell) and say what to do.
    /// </summary>
    public static void CheckArraySize(IReadOnlyCollection<int> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var config = SlurmTools.TryRun("scontrol", ["show", "config"]);
        if (config is not { Succeeded: true } || runs.Count == 0)
        {
            return;
        }
        var line = config.StdOut.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith("MaxArraySize", StringComparison.Ordinal));
        if (line is null || !int.TryParse(line.Split('=').Last().Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int maxArraySize))
        {
            return;
        }
        int largest = runs.Max();
        if (largest >= maxArraySize)
        {
            throw new ArgumentException(
                $"run index {largest} is beyond this cluster's array limit (MaxArraySize = {maxArraySize}: array task ids 0..{maxArraySize - 1}, and the task id is the run index); " +
                "ask the administrators to raise MaxArraySize in slurm.conf or split the sweep; nothing was submitted");
        }
    }

    /// <summary>Writes the script, runs sbatch and records the job. Throws with sbatch's stderr when it refuses.</summary>
    public SlurmSubmission Submit(Plan plan, SlurmJobsFile jobs, string kind)
    {
        // sbatch opens the log files itself: the run folders must exist before the tasks start.
        foreach (var run in plan.Runs)
        {
            Directory.CreateDirectory(layout.RunDirectory(run));
        }
        Directory.CreateDirectory(SlurmJobsFile.DirectoryOf(layout));
        AtomicFile.WriteAllText(plan.ScriptPath, plan.Script);
        var sbatch = SlurmTools.Run(plan.Command[0], plan.Command.Skip(1));
        if (!sbatch.Succeeded)
        {
            throw new SlurmException(
                $"sbatch refused the submission (exit {sbatch.ExitCode}); nothing was submitted:\n{sbatch.StdErr.Trim()}\nscript: {plan.ScriptPath}");
        }
        // --parsable prints "jobid" or "jobid;cluster".
        var answer = sbatch.StdOut.Trim().Split('\n').Last().Trim().Split(';');
        if (answer[0].Length == 0 || !answer[0].All(char.IsAsciiDigit))
        {
            throw new SlurmException($"sbatch accepted the script but printed no job id ('{sbatch.StdOut.Trim()}'); check squeue before submitting again");
        }
        var submission = new SlurmSubmission
        {
            JobId = answer[0],
            Cluster = answer.Length > 1 ? answer[1] : null,
            Number = plan.Number,
            Kind = kind,
            SubmittedUtc = DateTime.UtcNow,
            Array = ArrayRanges.Format(plan.Runs, Options.MaxConcurrent),
            Runs = plan.Runs,
            Script = plan.ScriptPath,
            Command = plan.Command,
        };
        try
        {
            jobs.With(submission).Save(layout);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SlurmException(
                $"job {submission.JobId} (runs {submission.Array}) IS in the queue, but {SlurmJobsFile.PathOf(layout)} could not be written: {ex.Message}");
        }
        return submission;
    }
}
