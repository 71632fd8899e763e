namespace QGan.MLNet.Trainers.Gan.Training;

/// <summary>
/// One row of <c>metrics.csv</c>. Losses are from the last critic step and the generator step of
/// <see cref="Iteration"/>; gradient norms are global L2 norms before clipping. Quality columns are empty when
/// no evaluator (or no decoder, for pixel space) is configured; iteration 0 holds the quality at initialisation.
/// </summary>
public sealed record TrainingMetrics
{
    public int Iteration { get; init; }

    public double? CriticLoss { get; init; }

    /// <summary>E[D(real)] - E[D(fake)] on the last critic batch.</summary>
    public double? WassersteinEstimate { get; init; }

    public double? GradientPenalty { get; init; }

    public double? GeneratorLoss { get; init; }

    public double? CriticGradNorm { get; init; }

    public double? GeneratorGradNorm { get; init; }

    public double? LatentFid { get; init; }

    public double? LatentJsd { get; init; }

    public double? PixelFid { get; init; }

    public double? PixelJsd { get; init; }

    public double ElapsedSeconds { get; init; }

    /// <summary>Latent FID on the validation split (runs with one; selects the reported generator and drives early stopping).</summary>
    public double? ValidationFid { get; init; }
}
