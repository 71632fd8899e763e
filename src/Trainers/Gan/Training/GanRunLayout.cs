namespace QGan.MLNet.Trainers.Gan.Training;

/// <summary>Files of a training run directory.</summary>
public sealed record GanRunLayout(string Directory)
{
    public string MetricsPath => Path.Combine(Directory, "metrics.csv");

    public string CheckpointPath => Path.Combine(Directory, "checkpoints", "checkpoint.bin");

    /// <summary>The trained generator (weights + manifest), written at the end of a run.</summary>
    public string GeneratorDirectory => Path.Combine(Directory, "generator");
}
