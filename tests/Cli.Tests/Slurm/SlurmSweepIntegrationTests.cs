using System.Diagnostics;
using System.Text.Json;
using QGan.MLNet.Cli.Tests.Sweep;

using QGan.MLNet.Experiments.Tests;

namespace QGan.MLNet.Cli.Tests.Slurm;

/// <summary>
/// Sweeps through a real (local, single-node) Slurm: the array job gives the local executor's runs.csv, a
/// cancelled task is resubmitted and resumes from its checkpoint, bad submissions put nothing in the queue.
/// </summary>
[Collection(LocalSlurmCollection.Name)]
public sealed class SlurmSweepIntegrationTests(LocalSlurm slurm)
{
    // Two classical runs (seeds 1, 2) of 1500 iterations with a checkpoint every 20: a few seconds each, long enough to interrupt.
    private const string TwoLongRuns = """
        {
          "data": { "latents": "lat.csv" },
          "heldOut": 20,
          "generators": { "classical": { "widths": [8], "depth": 1 } },
          "critic": { "widths": [8], "depth": 1 },
          "seeds": [1, 2],
          "training": { "iterations": 1500, "batchSize": 8, "criticSteps": 1, "metricsInterval": 100, "checkpointInterval": 20 },
          "analysis": { "lastK": 2, "bootstrap": { "samples": 0 } }
        }
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(150);

    [SlurmFact]
    public void Job_array_sweep_gives_the_same_runs_csv_and_summary_as_the_local_executor()
    {
        Assert.True(File.Exists(slurm.ConfPath));
        using var ws = new SweepWorkspace(60);
        var config = ws.Config("sweep.json", SlurmCliTests.FourRuns);
        var output = ws.Combine("slurm");

        var submit = QganProcess.Run("sweep", "--executor", "slurm", "--config", config, "--out", output, "--max-concurrent", "2");
        Assert.True(submit.ExitCode == 0, submit.StdErr + submit.StdOut);
        var job = Assert.Single(Submissions(output));
        Assert.Contains($"submitted job {job.JobId}: 4 run(s), array 0-3%2", submit.StdOut);
        Assert.Equal(("submit", "0-3%2"), (job.Kind, job.Array));
        Assert.Equal([0, 1, 2, 3], job.Runs);

        // While the array is queued or running, neither a second submit nor resubmit queues anything again.
        var again = QganProcess.Run("sweep", "--executor", "slurm", "--config", config, "--out", output);
        Assert.True(again.ExitCode == 0, again.StdErr);
        Assert.StartsWith("nothing to submit", again.StdOut);
        var resubmit = QganProcess.Run("sweep", "resubmit", "--out", output);
        Assert.True(resubmit.ExitCode == 0, resubmit.StdErr);
        Assert.StartsWith("nothing to resubmit", resubmit.StdOut);
        Assert.Single(Submissions(output));

        var states = WaitUntil(output, s => s.All(r => r.State is "finished" or "failed"));
        Assert.All(states, s => Assert.Equal(("finished", $"{job.JobId}_{s.Index}"), (s.State, s.Job)));
        for (int i = 0; i < 4; i++)
        {
            var log = File.ReadAllText(Path.Combine(output, "runs", i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"slurm-{job.JobId}_{i}.log"));
            Assert.Contains($"run {i}: completed at iteration 12 (trained)", log);
        }

        var collect = QganProcess.Run("sweep", "collect", "--out", output);
        Assert.True(collect.ExitCode == 0, collect.StdErr);
        var local = ws.Combine("local");
        var localRun = QganProcess.Run("sweep", "--config", config, "--out", local, "--workers", "2");
        Assert.True(localRun.ExitCode == 0, localRun.StdErr);
        Assert.Equal(5, File.ReadAllLines(Path.Combine(output, "runs.csv")).Length);
        Assert.Equal(Sweep.RunsCsvTimings.Without(Path.Combine(local, "runs.csv")), Sweep.RunsCsvTimings.Without(Path.Combine(output, "runs.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(local, "summary.json")), File.ReadAllText(Path.Combine(output, "summary.json")));

        // Everything finished: nothing left to submit.
        Assert.StartsWith("nothing to submit: 4 finished", QganProcess.Run("sweep", "--executor", "slurm", "--config", config, "--out", output).StdOut);
    }

    [SlurmFact]
    public void Cancelled_task_is_resubmitted_and_a_requeued_one_restarts_both_resume_from_checkpoints_with_the_uninterrupted_result()
    {
        using var ws = new SweepWorkspace(60);
        var config = ws.Config("sweep.json", TwoLongRuns);
        var output = ws.Combine("slurm");
        var submit = QganProcess.Run("sweep", "--executor", "slurm", "--config", config, "--out", output);
        Assert.True(submit.ExitCode == 0, submit.StdErr + submit.StdOut);
        var first = Assert.Single(Submissions(output));

        // Both tasks run at once (2 CPUs). Once each has a checkpoint: cancel run 0, requeue run 1 (as preemption does).
        var clock = Stopwatch.StartNew();
        while (!File.Exists(Path.Combine(output, "runs", "0", "checkpoints", "checkpoint.bin"))
            || !File.Exists(Path.Combine(output, "runs", "1", "checkpoints", "checkpoint.bin")))
        {
            Assert.True(clock.Elapsed < Patience, "the Slurm tasks wrote no checkpoints");
            Thread.Sleep(20);
        }
        var cancel = Tool("scancel", $"{first.JobId}_0");
        Assert.True(cancel.ExitCode == 0, cancel.StdErr);
        var requeue = Tool("scontrol", "requeue", $"{first.JobId}_1");
        Assert.True(requeue.ExitCode == 0, requeue.StdErr);

        var interrupted = WaitUntil(output, s => s[0].State == "failed" && s[1].State == "pending");
        Assert.False(File.Exists(Path.Combine(output, "runs", "0", "result.json")), "run 0 finished before it could be cancelled");
        Assert.False(File.Exists(Path.Combine(output, "runs", "1", "result.json")), "run 1 finished before it could be requeued");
        Assert.Equal(("failed", "CANCELLED", $"{first.JobId}_0"), (interrupted[0].State, interrupted[0].SlurmState, interrupted[0].Job));
        Assert.Contains(interrupted[0].LogTail, l => l.Contains("CANCELLED", StringComparison.Ordinal));
        Assert.Equal(("pending", $"{first.JobId}_1"), (interrupted[1].State, interrupted[1].Job));
        var human = QganProcess.Run("sweep", "status", "--out", output);
        Assert.Contains("1 failed", human.StdOut);

        // resubmit takes the cancelled run only: the requeued one is still Slurm's.
        var resubmit = QganProcess.Run("sweep", "resubmit", "--out", output);
        Assert.True(resubmit.ExitCode == 0, resubmit.StdErr + resubmit.StdOut);
        var second = Submissions(output)[1];
        Assert.Equal("resubmit", second.Kind);
        Assert.Equal([0], second.Runs);
        Assert.NotEqual(first.JobId, second.JobId);
        Assert.StartsWith("nothing to resubmit", QganProcess.Run("sweep", "resubmit", "--out", output).StdOut);
        // Slurm holds a requeued job back for a while (BeginTime); release it now.
        var release = Tool("scontrol", "update", $"JobId={first.JobId}_1", "StartTime=now");
        Assert.True(release.ExitCode == 0, release.StdErr);

        var done = WaitUntil(output, s => s.All(r => r.State is "finished" or "failed" or "unknown"));
        Assert.Equal([("finished", $"{second.JobId}_0"), ("finished", $"{first.JobId}_1")], done.Select(r => (r.State, r.Job)));
        Assert.Equal(2, Submissions(output).Count);
        for (int run = 0; run < 2; run++)
        {
            using var result = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "runs", $"{run}", "result.json")));
            Assert.True(result.RootElement.GetProperty("resumedFrom").GetInt32() >= 20, $"run {run} did not resume from a checkpoint");
            Assert.Equal(1500, result.RootElement.GetProperty("iterations").GetInt32());
        }
        Assert.Contains("(resumed from iteration", File.ReadAllText(Path.Combine(output, "runs", "0", $"slurm-{second.JobId}_0.log")));
        var requeuedLog = File.ReadAllText(Path.Combine(output, "runs", "1", $"slurm-{first.JobId}_1.log"));
        Assert.Contains("DUE TO JOB REQUEUE", requeuedLog);
        Assert.Contains("attempt 2", requeuedLog);
        Assert.Contains("(resumed from iteration", requeuedLog);

        Assert.Equal(0, QganProcess.Run("sweep", "collect", "--out", output).ExitCode);
        var local = ws.Combine("local");
        Assert.Equal(0, QganProcess.Run("sweep", "--config", config, "--out", local, "--workers", "2").ExitCode);
        Assert.Equal(Sweep.RunsCsvTimings.Without(Path.Combine(local, "runs.csv")), Sweep.RunsCsvTimings.Without(Path.Combine(output, "runs.csv")));
    }

    [SlurmFact]
    public void Unknown_partition_and_rejected_submission_queue_nothing()
    {
        using var ws = new SweepWorkspace(60);
        var config = ws.Config("sweep.json", SlurmCliTests.FourRuns);
        var output = ws.Combine("slurm");

        var partition = QganProcess.Run("sweep", "--executor", "slurm", "--config", config, "--out", output, "--partition", "no-such-partition");
        Assert.Equal(2, partition.ExitCode);
        Assert.Contains("--partition 'no-such-partition' does not exist on this cluster (partitions: debug); nothing was submitted", partition.StdErr);
        Assert.False(Directory.Exists(output));

        var rejected = QganProcess.Run("sweep", "--executor", "slurm", "--config", config, "--out", output, "--sbatch-arg=--no-such-sbatch-option");
        Assert.Equal(1, rejected.ExitCode);
        Assert.Contains("sbatch refused the submission (exit", rejected.StdErr);
        Assert.Contains("nothing was submitted", rejected.StdErr);
        Assert.Contains("unrecognized option '--no-such-sbatch-option'", rejected.StdErr);
        Assert.False(File.Exists(Path.Combine(output, "slurm", "jobs.json")));
        var states = SlurmStatus.Parse(QganProcess.Run("sweep", "status", "--out", output, "--json").StdOut);
        Assert.All(states, s => Assert.Equal("not-submitted", s.State));

        // A sweep with more runs than the cluster's MaxArraySize (10001 on the test cluster): refused before sbatch.
        var seeds = string.Join(", ", Enumerable.Range(1, 10002));
        var huge = ws.Config("huge.json", SlurmCliTests.FourRuns.Replace("\"widths\": [4, 8]", "\"widths\": [4]").Replace("\"seeds\": [1, 2]", $"\"seeds\": [{seeds}]"));
        var hugeOut = ws.Combine("huge");
        var tooMany = QganProcess.Run("sweep", "--executor", "slurm", "--config", huge, "--out", hugeOut);
        Assert.Equal(2, tooMany.ExitCode);
        Assert.Contains("run index 10001 is beyond this cluster's array limit (MaxArraySize = 10001", tooMany.StdErr);
        Assert.False(Directory.Exists(Path.Combine(hugeOut, "slurm")));
        Assert.False(Directory.Exists(Path.Combine(hugeOut, "runs")));
    }

    private sealed record Submission(string JobId, string Kind, string Array, int[] Runs);

    private static IReadOnlyList<Submission> Submissions(string output)
    {
        using var jobs = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "slurm", "jobs.json")));
        Assert.Equal("qgan-sweep-slurm-jobs/1", jobs.RootElement.GetProperty("format").GetString());
        return jobs.RootElement.GetProperty("submissions").EnumerateArray().Select(s => new Submission(
            s.GetProperty("jobId").GetString()!, s.GetProperty("kind").GetString()!, s.GetProperty("array").GetString()!,
            s.GetProperty("runs").EnumerateArray().Select(r => r.GetInt32()).ToArray())).ToList();
    }

    private static IReadOnlyList<SlurmStatus> WaitUntil(string output, Func<IReadOnlyList<SlurmStatus>, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var status = QganProcess.Run("sweep", "status", "--out", output, "--json");
            Assert.True(status.ExitCode == 0, status.StdErr);
            var states = SlurmStatus.Parse(status.StdOut);
            if (done(states))
            {
                return states;
            }
            Assert.True(clock.Elapsed < Patience, $"the sweep did not get there in time: {status.StdOut}");
            Thread.Sleep(500);
        }
    }

    private static QganProcess.Result Tool(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new QganProcess.Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
