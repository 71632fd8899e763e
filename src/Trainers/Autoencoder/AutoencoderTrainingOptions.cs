using QGan.MLNet.Core.Limits;

namespace QGan.MLNet.Trainers.Autoencoder;

/// <summary>Learning-rate schedule over the epochs of a run.</summary>
public enum LearningRateSchedule
{
    /// <summary>Constant learning rate.</summary>
    Constant,

    /// <summary>Cosine annealing from the base rate to <see cref="AutoencoderTrainingOptions.MinLearningRate"/> over the configured epochs.</summary>
    Cosine,

    /// <summary>Multiply the rate by <see cref="AutoencoderTrainingOptions.PlateauFactor"/> after <see cref="AutoencoderTrainingOptions.PlateauPatience"/> epochs without validation improvement.</summary>
    ReduceOnPlateau,
}

/// <summary>
/// How the autoencoder is trained: MSE loss, AdamW, a seeded validation split and shuffling, early stopping,
/// a learning-rate schedule, and optional per-epoch checkpoint and metrics files.
/// </summary>
public sealed record AutoencoderTrainingOptions
{
    /// <summary>Maximum epochs.</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Images per step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Initial Adam learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Adam weight decay.</summary>
    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>Seeds the weight initialisation (a private torch generator), the validation split and the shuffling.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Fraction of the images held out for validation (seeded split); at least one image when positive.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Stop after this many epochs without a validation improvement larger than <see cref="EarlyStoppingMinDelta"/>; 0 disables early stopping.</summary>
    public int EarlyStoppingPatience { get; init; } = 5;

    /// <summary>Smallest improvement of the validation MSE that counts for early stopping.</summary>
    public double EarlyStoppingMinDelta { get; init; } = 1e-5;

    /// <summary>At the end, load the weights of the epoch with the best validation MSE.</summary>
    public bool RestoreBestWeights { get; init; } = true;

    /// <summary>Learning rate schedule.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Cosine;

    /// <summary>Floor of the learning rate schedules.</summary>
    public double MinLearningRate { get; init; } = 1e-5;

    /// <summary>Factor of the learning rate at a plateau (plateau schedule).</summary>
    public double PlateauFactor { get; init; } = 0.5;

    /// <summary>Epochs without improvement before the plateau schedule lowers the rate.</summary>
    public int PlateauPatience { get; init; } = 2;

    /// <summary>
    /// Intra-op threads for libtorch (process-wide); null keeps the libtorch default. One thread makes runs
    /// bit-reproducible across machines, and on a shared 2-core machine it is also much faster than libtorch's
    /// spinning thread pool competing with other processes.
    /// </summary>
    public int? Threads { get; init; } = 1;

    /// <summary>When set, a checkpoint is written atomically to this file after every epoch.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>When set, the per-epoch metrics (train/validation MSE, learning rate, seconds) are written to this CSV after every epoch.</summary>
    public string? MetricsPath { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        Check(Epochs > 0, $"{nameof(Epochs)} must be positive, not {Epochs}.");
        Check(BatchSize >= 2, $"{nameof(BatchSize)} must be at least 2 (BatchNorm needs two samples), not {BatchSize}.");
        SizeLimits.Check(BatchSize, 2, SizeLimits.MaxBatchSize, nameof(BatchSize));
        Check(LearningRate > 0 && double.IsFinite(LearningRate), $"{nameof(LearningRate)} must be a positive number, not {LearningRate}.");
        Check(WeightDecay >= 0 && double.IsFinite(WeightDecay), $"{nameof(WeightDecay)} must be non-negative, not {WeightDecay}.");
        Check(ValidationFraction is >= 0 and < 1, $"{nameof(ValidationFraction)} must be in [0, 1), not {ValidationFraction}.");
        Check(EarlyStoppingPatience >= 0, $"{nameof(EarlyStoppingPatience)} must be non-negative, not {EarlyStoppingPatience}.");
        Check(EarlyStoppingMinDelta >= 0, $"{nameof(EarlyStoppingMinDelta)} must be non-negative, not {EarlyStoppingMinDelta}.");
        Check(MinLearningRate >= 0 && MinLearningRate <= LearningRate, $"{nameof(MinLearningRate)} must be in [0, {nameof(LearningRate)}], not {MinLearningRate}.");
        Check(PlateauFactor is > 0 and < 1, $"{nameof(PlateauFactor)} must be in (0, 1), not {PlateauFactor}.");
        Check(PlateauPatience >= 0, $"{nameof(PlateauPatience)} must be non-negative, not {PlateauPatience}.");
        Check(Threads is null or > 0, $"{nameof(Threads)} must be positive, not {Threads}.");
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
