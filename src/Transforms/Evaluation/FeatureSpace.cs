using Microsoft.ML;
using QGan.MLNet.Transforms.Features;

namespace QGan.MLNet.Transforms.Evaluation;

/// <summary>How a feature space's vectors are compared.</summary>
public enum FeatureSpaceKind
{
    /// <summary>
    /// Images (CHW floats in [0, 1]): FID on the flattened pixels and JSD of the per-band 8-bit intensity
    /// histograms (256 bins, <c>clamp(round(v * 255), 0, 255)</c>).
    /// </summary>
    Pixel,

    /// <summary>Continuous features (latent codes, ONNX features): FID and per-dimension histogram JSD.</summary>
    Continuous,
}

/// <summary>
/// One space in which the real and generated sets are compared: a column, optionally after a featurizer. A space
/// made by <see cref="Sat4Features"/> owns its ONNX featurizer (native sessions): dispose the space when done
/// (copies made with <c>with</c> share the featurizer). Disposing a space that does not own its featurizer does nothing.
/// </summary>
public sealed record FeatureSpace : IDisposable
{
    /// <summary>Name of the space in the metrics (e.g. "pixel", "latent", "inception").</summary>
    public required string Name { get; init; }

    /// <summary>Column holding a float vector per row (after <see cref="Featurizer"/>, when set).</summary>
    public required string ColumnName { get; init; }

    /// <summary>How the space's vectors are compared (pixel histograms or continuous features).</summary>
    public FeatureSpaceKind Kind { get; init; } = FeatureSpaceKind.Continuous;

    /// <summary>Optional transformer applied to both data views before <see cref="ColumnName"/> is read.</summary>
    public ITransformer? Featurizer { get; init; }

    /// <summary>Bands per image for <see cref="FeatureSpaceKind.Pixel"/> (CHW: band = index / (H W)).</summary>
    public int Bands { get; init; } = 4;

    /// <summary>True when the space created its featurizer and disposes it.</summary>
    public bool OwnsFeaturizer { get; private init; }

    /// <summary>Disposes the featurizer when the space owns it (<see cref="OwnsFeaturizer"/>).</summary>
    public void Dispose()
    {
        if (OwnsFeaturizer && Featurizer is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    /// <summary>The SAT-4 image column (3136 = 4 x 28 x 28 CHW floats in [0, 1]).</summary>
    public static FeatureSpace Pixel(string columnName = "Image", int bands = 4) =>
        new() { Name = "pixel", ColumnName = columnName, Kind = FeatureSpaceKind.Pixel, Bands = bands };

    /// <summary>The autoencoder latent column (24-d tanh codes).</summary>
    public static FeatureSpace Latent(string columnName = "Latent") =>
        new() { Name = "latent", ColumnName = columnName, Kind = FeatureSpaceKind.Continuous };

    /// <summary>Features of an ONNX model (e.g. the FID Inception-v3), computed in batches from the image column.</summary>
    public static FeatureSpace Onnx(OnnxFeatureExtractorTransformer featurizer, string name = "onnx")
    {
        ArgumentNullException.ThrowIfNull(featurizer);
        return new() { Name = name, ColumnName = featurizer.Options.OutputColumnName, Featurizer = featurizer };
    }

    /// <summary>
    /// The project's SAT-4 feature network (<c>models/sat4-features/features.onnx</c>): 128 classifier features of
    /// the 4-band 28x28 images in <paramref name="imageColumnName"/>, no resize, no scaling (see
    /// <see cref="OnnxFeatureExtractorOptions.Sat4FeatureNetwork"/>). The model's signature is checked here. The
    /// space owns an ONNX Runtime session: dispose the space when done. FIDs in this
    /// space are SAT-4-specific and not comparable with Inception FIDs.
    /// </summary>
    public static FeatureSpace Sat4Features(string modelPath, string imageColumnName = "Image", string name = "sat4-features")
    {
        var options = OnnxFeatureExtractorOptions.Sat4FeatureNetwork(modelPath, imageColumnName, "Sat4Features");
        options.Validate();
        return Onnx(new OnnxFeatureExtractorTransformer(new MLContext(), new OnnxFeatureExtractor(options)), name) with { OwnsFeaturizer = true };
    }
}
