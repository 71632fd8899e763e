using QGan.MLNet.Experiments.Slurm;

namespace QGan.MLNet.Experiments.Tests.Slurm;

/// <summary>The three sources of task states, on output captured from Slurm 22.05 (squeue -r, sacct -P -X, scontrol -o).</summary>
public sealed class SlurmQueueParsingTests
{
    [Fact]
    public void Squeue_lines_give_one_state_per_array_task()
    {
        var tasks = SlurmQueue.ParseSqueue("1|3|PENDING|JobArrayTaskLimit\n1|5|PENDING|None\n1|1|RUNNING|None\n").ToList();
        Assert.Equal([("1", 3, "PENDING", "JobArrayTaskLimit"), ("1", 5, "PENDING", null), ("1", 1, "RUNNING", null)],
            tasks.Select(t => (t.JobId, t.TaskId, t.State, t.Reason)));
        Assert.True(tasks[0].IsPending && tasks[0].IsActive && !tasks[0].IsRunning);
        Assert.True(tasks[2].IsRunning && tasks[2].IsActive);
    }

    [Fact]
    public void Sacct_keeps_array_elements_and_the_first_word_of_the_state()
    {
        var tasks = SlurmQueue.ParseSacct("12_0|COMPLETED\n12_1|CANCELLED by 0\n12_[2-3]|PENDING\n13|FAILED\n12_4|NODE_FAIL\n").ToList();
        Assert.Equal([("12", 0, "COMPLETED"), ("12", 1, "CANCELLED"), ("12", 4, "NODE_FAIL")], tasks.Select(t => (t.JobId, t.TaskId, t.State)));
        Assert.All(tasks, t => Assert.False(t.IsActive));
    }

    [Fact]
    public void Scontrol_expands_the_pending_remainder_of_an_array()
    {
        const string output =
            "JobId=1 ArrayJobId=1 ArrayTaskId=6-7%2 ArrayTaskThrottle=2 JobName=j.sh JobState=PENDING Reason=Resources Dependency=(null)\n" +
            "JobId=4 ArrayJobId=1 ArrayTaskId=5 ArrayTaskThrottle=2 JobName=j.sh JobState=RUNNING Reason=None Dependency=(null)\n" +
            "JobId=3 ArrayJobId=1 ArrayTaskId=3 ArrayTaskThrottle=2 JobName=j.sh JobState=TIMEOUT Reason=TimeLimit Dependency=(null)\n";
        var tasks = SlurmQueue.ParseScontrol(output).ToList();
        Assert.Equal([(6, "PENDING", "Resources"), (7, "PENDING", "Resources"), (5, "RUNNING", null), (3, "TIMEOUT", "TimeLimit")],
            tasks.Select(t => (t.TaskId, t.State, t.Reason)));
        Assert.All(tasks, t => Assert.Equal("1", t.JobId));
    }

    [Fact]
    public void Lines_that_are_not_array_tasks_are_ignored()
    {
        Assert.Empty(SlurmQueue.ParseSqueue("garbage\n7|N/A|RUNNING|None\n"));
        Assert.Empty(SlurmQueue.ParseScontrol("JobId=8 JobName=x JobState=RUNNING\n"));
    }
}
