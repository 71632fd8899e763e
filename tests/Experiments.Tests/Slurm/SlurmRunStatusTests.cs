using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Runs;
using QGan.MLNet.Experiments.Slurm;

namespace QGan.MLNet.Experiments.Tests.Slurm;

/// <summary>How run folders, jobs.json and the queue combine into a run's state (no Slurm needed).</summary>
public sealed class SlurmRunStatusTests
{
    private const string SevenSeeds = """
        {
          "data": { "latents": "lat.csv" },
          "heldOut": 20,
          "generators": { "classical": { "widths": [8], "depth": 1 } },
          "critic": { "widths": [8], "depth": 1 },
          "seeds": [1, 2, 3, 4, 5, 6, 7],
          "training": { "iterations": 10 }
        }
        """;

    [Fact]
    public void Every_state_is_told_apart_and_the_latest_submission_wins()
    {
        using var ws = new SweepWorkspace(60);
        var config = SweepConfigParser.Parse(SevenSeeds, ws.Combine("sweep.json"), ws.Root);
        var layout = new SweepLayout(ws.Combine("out"));
        Directory.CreateDirectory(layout.RunDirectory(0));
        new SweepRunResult { Index = 0, Status = "diverged", Iterations = 4 }.Save(layout.ResultPath(0));
        Directory.CreateDirectory(layout.RunDirectory(3));
        File.WriteAllLines(Path.Combine(layout.RunDirectory(3), "slurm-10_3.log"), Enumerable.Range(1, 20).Select(i => $"line {i}"));

        var jobs = new SlurmJobsFile().With(Submission("10", 1, [0, 1, 2, 3, 5, 6])).With(Submission("11", 2, [6]));
        var queue = SlurmQueue.FromStates(
            active: [new("10", 1, "RUNNING", null), new("10", 2, "PENDING", "JobArrayTaskLimit"), new("11", 6, "PENDING", "Priority")],
            ended: [new("10", 0, "COMPLETED", null), new("10", 3, "TIMEOUT", "TimeLimit"), new("10", 6, "CANCELLED", null)],
            endedSource: "scontrol");

        var rows = SlurmRunStatus.Of(layout, config, jobs, queue);

        Assert.Equal(
            [
                (0, SlurmRunState.Finished, "10_0", "COMPLETED", "diverged"),
                (1, SlurmRunState.Running, "10_1", "RUNNING", null),
                (2, SlurmRunState.Pending, "10_2", "PENDING", "JobArrayTaskLimit"),
                (3, SlurmRunState.Failed, "10_3", "TIMEOUT", "ended TIMEOUT without a result (TimeLimit)"),
                (4, SlurmRunState.NotSubmitted, null, null, null),
                (5, SlurmRunState.Unknown, "10_5", null, "not in the queue, no result, no record of job 10 in scontrol"),
                (6, SlurmRunState.Pending, "11_6", "PENDING", "Priority"),
            ],
            rows.Select(r => (r.Index, r.State, r.Job, r.SlurmState, r.Detail)));

        // The failed run shows the last 12 lines of its Slurm log, after a header naming the file.
        var tail = rows[3].LogTail;
        Assert.Equal($"==> {Path.Combine(layout.RunDirectory(3), "slurm-10_3.log")} <==", tail[0]);
        Assert.Equal(Enumerable.Range(9, 12).Select(i => $"line {i}"), tail.Skip(1));
        Assert.Empty(rows[5].LogTail);
        Assert.Equal("not-submitted", SlurmRunStatus.Name(rows[4].State));
    }

    [Fact]
    public void Jobs_file_round_trips_and_a_corrupt_one_is_named()
    {
        using var ws = new SweepWorkspace(10);
        var layout = new SweepLayout(ws.Combine("out"));
        Assert.Empty(SlurmJobsFile.Load(layout).Submissions);
        var jobs = new SlurmJobsFile().With(Submission("42", 1, [1, 2, 5]));
        jobs.Save(layout);
        var back = SlurmJobsFile.Load(layout);
        Assert.Equal("42", Assert.Single(back.Submissions).JobId);
        Assert.Equal([1, 2, 5], back.Submissions[0].Runs);
        Assert.Equal(["42"], back.SubmissionsOf(5).Select(s => s.JobId));
        Assert.Empty(back.SubmissionsOf(3));

        File.WriteAllText(SlurmJobsFile.PathOf(layout), "{\"format\": \"qgan-sweep-slurm-jobs/1\", \"submissions\": [");
        var ex = Assert.Throws<InvalidDataException>(() => SlurmJobsFile.Load(layout));
        Assert.StartsWith(SlurmJobsFile.PathOf(layout), ex.Message);
        File.WriteAllText(SlurmJobsFile.PathOf(layout), "{\"format\": \"other/1\", \"submissions\": []}");
        Assert.Contains("expected format 'qgan-sweep-slurm-jobs/1'", Assert.Throws<InvalidDataException>(() => SlurmJobsFile.Load(layout)).Message);
    }

    private static SlurmSubmission Submission(string job, int number, int[] runs) => new()
    {
        JobId = job,
        Number = number,
        Kind = number == 1 ? "submit" : "resubmit",
        SubmittedUtc = new DateTime(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc),
        Array = ArrayRanges.Format(runs),
        Runs = runs,
        Script = $"submit-{number}.sh",
        Command = ["sbatch", "--parsable", $"submit-{number}.sh"],
    };
}
