using QGan.MLNet.Core.Limits;

namespace QGan.MLNet.Trainers.Features;

/// <summary>Training configuration of the <see cref="Sat4FeatureNetwork"/> classifier (cross-entropy, AdamW).</summary>
public sealed record Sat4FeatureTrainingOptions
{
    /// <summary>Epochs.</summary>
    public int Epochs { get; init; } = 8;

    /// <summary>Images per step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Adam learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Adam weight decay.</summary>
    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>Seeds the weight initialisation, the validation split and the per-epoch shuffles.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Fraction of the patches held out for validation accuracy (0 = none; then accuracy is on the training set).</summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>libtorch intra-op threads; null leaves the process setting alone. 1 is bit-reproducible.</summary>
    public int? Threads { get; init; } = 1;

    /// <summary>When set, <c>metrics.csv</c> is rewritten atomically after every epoch.</summary>
    public string? MetricsPath { get; init; }

    /// <summary>
    /// When set, a checkpoint is written atomically after every epoch, and <c>Train(..., resume: true)</c> continues
    /// from it exactly (same weights as an uninterrupted run).
    /// </summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (Epochs < 1)
        {
            throw new ArgumentException($"Epochs must be at least 1, not {Epochs}.");
        }
        if (BatchSize < 2)
        {
            throw new ArgumentException($"BatchSize must be at least 2 (BatchNorm), not {BatchSize}.");
        }
        SizeLimits.Check(BatchSize, 2, SizeLimits.MaxBatchSize, nameof(BatchSize));
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
        {
            throw new ArgumentException($"LearningRate must be positive and finite, not {LearningRate}.");
        }
        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay))
        {
            throw new ArgumentException($"WeightDecay must be non-negative and finite, not {WeightDecay}.");
        }
        if (!(ValidationFraction >= 0 && ValidationFraction < 1))
        {
            throw new ArgumentException($"ValidationFraction must be in [0, 1), not {ValidationFraction}.");
        }
        if (Threads is < 1)
        {
            throw new ArgumentException($"Threads must be at least 1, not {Threads}.");
        }
    }
}
