namespace QGan.MLNet.Trainers.Autoencoder;

/// <summary>Options of <c>mlContext.QGan().Trainers.Autoencoder(options)</c>.</summary>
public sealed record AutoencoderOptions
{
    /// <summary>The network (default: the compact configuration).</summary>
    public AutoencoderArchitecture Architecture { get; init; } = AutoencoderArchitecture.Default;

    /// <summary>Epochs, batch, optimiser, schedule, early stopping, seed, threads.</summary>
    public AutoencoderTrainingOptions Training { get; init; } = new();

    /// <summary>Input column: a vector of C*H*W Single values in [0,1], CHW order.</summary>
    public string ImageColumnName { get; init; } = "Image";

    /// <summary>Column the fitted transformer adds: a vector of <see cref="AutoencoderArchitecture.LatentSize"/> Single values.</summary>
    public string LatentColumnName { get; init; } = "Latent";

    /// <summary>Describes the training data in the model metadata (e.g. the file name or "synthetic SAT-4, 10000 patches").</summary>
    public string? DataDescription { get; init; }

    /// <summary>Receives batch and epoch progress during <c>Fit</c>.</summary>
    public IProgress<AutoencoderProgress>? Progress { get; init; }

    /// <summary>Continue from <see cref="AutoencoderTrainingOptions.CheckpointPath"/> when it exists.</summary>
    public bool Resume { get; init; }
}
