namespace QGan.MLNet.Trainers.Gan.Evaluation;

/// <summary>Sample quality of a generator against held-out real data; null where a metric is not available.</summary>
public sealed record GanQuality(double? LatentFid, double? LatentJsd, double? PixelFid = null, double? PixelJsd = null);

/// <summary>
/// Pluggable quality hook of the trainer: receives held-out real latents and generated latents (row-major,
/// same width) and returns FID / JSD in latent space and, when it can decode, in pixel space.
/// </summary>
public interface IGanQualityEvaluator
{
    /// <summary>Quality metrics of <paramref name="generated"/> against <paramref name="real"/> (held-out) latents (row-major, <paramref name="width"/> values per row).</summary>
    GanQuality Evaluate(ReadOnlySpan<float> real, ReadOnlySpan<float> generated, int width);
}
