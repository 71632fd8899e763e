namespace QGan.MLNet.Trainers.Gan.Training;

/// <summary>Files of a training run directory.</summary>
public sealed record GanRunLayout(string Directory)
{
    /// <summary><c>metrics.csv</c> of the run.</summary>
    public string MetricsPath => Path.Combine(Directory, "metrics.csv");

    /// <summary><c>checkpoints/checkpoint.bin</c> of the run.</summary>
    public string CheckpointPath => Path.Combine(Directory, "checkpoints", "checkpoint.bin");

    /// <summary>The trained generator (weights + manifest), written at the end of a run.</summary>
    public string GeneratorDirectory => Path.Combine(Directory, "generator");
}
