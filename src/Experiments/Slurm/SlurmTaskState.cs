namespace QGan.MLNet.Experiments.Slurm;

/// <summary>What Slurm reports for one array task (job id + task id = run index).</summary>
public sealed record SlurmTaskState(string JobId, int TaskId, string State, string? Reason)
{
    private static readonly HashSet<string> Queued = ["PENDING", "REQUEUED", "REQUEUE_FED", "REQUEUE_HOLD", "RESV_DEL_HOLD", "CONFIGURING", "SUSPENDED", "STOPPED", "RESIZING", "SIGNALING", "STAGE_OUT"];
    private static readonly HashSet<string> Running = ["RUNNING", "COMPLETING"];

    /// <summary>Pending (waiting, held or requeued) in the queue.</summary>
    public bool IsPending => Queued.Contains(State);

    public bool IsRunning => Running.Contains(State);

    /// <summary>Still owned by Slurm: never submit its run again.</summary>
    public bool IsActive => IsPending || IsRunning;
}
