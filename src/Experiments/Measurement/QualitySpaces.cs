using QGan.MLNet.Trainers.Gan.Evaluation;
using QGan.MLNet.Transforms.Features;

namespace QGan.MLNet.Experiments.Measurement;

/// <summary>The spaces a study measures quality in (docs/sweep.md, "Measurement").</summary>
public static class QualitySpace
{
    /// <summary>The autoencoder's latent space (24-d codes): FID and 64-bin per-dimension JSD.</summary>
    public const string Latent = "latent";

    /// <summary>Features of the decoded images (the SAT-4 feature network or a user's ONNX model): FID and per-dimension JSD.</summary>
    public const string Feature = "feature";

    /// <summary>The decoded images (4 x 28 x 28): FID on the flattened pixels and per-band 256-bin intensity JSD.</summary>
    public const string Pixel = "pixel";

    /// <summary>Every space, in report order.</summary>
    public static IReadOnlyList<string> All { get; } = [Latent, Feature, Pixel];
}

/// <summary>
/// How latents become the other spaces: the autoencoder's decoder (pixel space) and a feature network applied to the
/// decoded images (feature space). Either may be missing (latents only). Not thread-safe; one per worker.
/// </summary>
/// <param name="Decoder">The autoencoder's decoder (null: latent space only).</param>
/// <param name="Features">Feature extractor on decoded CHW images (null: no feature space).</param>
public sealed record SpaceMaps(ILatentDecoder? Decoder, OnnxFeatureExtractor? Features)
{
    /// <summary>The spaces these maps can measure.</summary>
    public IReadOnlyList<string> Spaces => [QualitySpace.Latent, .. Features is not null ? [QualitySpace.Feature] : Array.Empty<string>(),
        .. Decoder is not null ? [QualitySpace.Pixel] : Array.Empty<string>()];

    /// <summary>
    /// The SAT-4 feature network (or any ONNX model with its input/output names) over decoded images; null when
    /// <paramref name="modelPath"/> is null or there is no decoder to make images.
    /// </summary>
    public static OnnxFeatureExtractor? FeatureNetwork(string? modelPath, ILatentDecoder? decoder)
    {
        if (modelPath is null || decoder is null)
        {
            return null;
        }
        return new OnnxFeatureExtractor(OnnxFeatureExtractorOptions.Sat4FeatureNetwork(modelPath));
    }
}
