namespace QGan.MLNet.Trainers.Gan.Training;

/// <summary>
/// One row of <c>metrics.csv</c>. Losses are from the last critic step and the generator step of
/// <see cref="Iteration"/>; gradient norms are global L2 norms before clipping. Quality columns are empty when
/// no evaluator (or no decoder, for pixel space) is configured; iteration 0 holds the quality at initialisation.
/// </summary>
public sealed record TrainingMetrics
{
    /// <summary>Generator iteration of the row.</summary>
    public int Iteration { get; init; }

    /// <summary>Critic loss (negative Wasserstein estimate plus the gradient penalty).</summary>
    public double? CriticLoss { get; init; }

    /// <summary>E[D(real)] - E[D(fake)] on the last critic batch.</summary>
    public double? WassersteinEstimate { get; init; }

    /// <summary>The gradient-penalty term.</summary>
    public double? GradientPenalty { get; init; }

    /// <summary>Generator loss, -E[D(G(z))].</summary>
    public double? GeneratorLoss { get; init; }

    /// <summary>Global L2 norm of the critic's gradient before clipping.</summary>
    public double? CriticGradNorm { get; init; }

    /// <summary>Global L2 norm of the generator's gradient before clipping.</summary>
    public double? GeneratorGradNorm { get; init; }

    /// <summary>FID of generated against held-out latents (when evaluated).</summary>
    public double? LatentFid { get; init; }

    /// <summary>Per-dimension histogram JSD in latent space (when evaluated).</summary>
    public double? LatentJsd { get; init; }

    /// <summary>FID of decoded images (when requested).</summary>
    public double? PixelFid { get; init; }

    /// <summary>Band-histogram JSD of decoded images (when evaluated).</summary>
    public double? PixelJsd { get; init; }

    /// <summary>Seconds since the start of this run (or its resumption).</summary>
    public double ElapsedSeconds { get; init; }

    /// <summary>Latent FID on the validation split (runs with one; selects the reported generator and drives early stopping).</summary>
    public double? ValidationFid { get; init; }
}
