namespace QGan.MLNet.Experiments.Slurm;

/// <summary>A Slurm tool is missing, failed or refused a submission (the message says which and why).</summary>
public sealed class SlurmException(string message) : Exception(message);
