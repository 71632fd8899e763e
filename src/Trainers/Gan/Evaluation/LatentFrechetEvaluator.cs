namespace QGan.MLNet.Trainers.Gan.Evaluation;

/// <summary>Latent-space FID only (no decoder): the default quality hook of the trainer.</summary>
public sealed class LatentFrechetEvaluator : IGanQualityEvaluator
{
    public GanQuality Evaluate(ReadOnlySpan<float> real, ReadOnlySpan<float> generated, int width) =>
        new(FrechetDistance.Compute(real, generated, width), null);
}
