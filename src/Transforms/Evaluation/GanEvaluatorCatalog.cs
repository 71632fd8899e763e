using Microsoft.ML;
using QGan.MLNet.Transforms.Evaluation;
using QGan.MLNet.Transforms.Features;
using QGan.MLNet.Transforms.IO;

// Catalog extensions live beside QGanCatalog so `using QGan.MLNet.Transforms.Catalog;` brings in every entry point.
namespace QGan.MLNet.Transforms.Catalog;

/// <summary><c>mlContext.QGan().Evaluators</c>: FID and JSD between real and generated data.</summary>
public static class GanEvaluatorCatalog
{
    /// <summary>
    /// FID and JSD between a real and a generated data view in every configured feature space (default: pixel space
    /// of the <c>Image</c> column). Non-finite values are errors naming the set and the row; singular covariances and
    /// clamped pixels are reported as warnings.
    /// </summary>
    public static GanEvaluationMetrics Evaluate(this QGanEvaluatorsCatalog catalog, IDataView realData,
        IDataView generatedData, GanEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return GanEvaluator.Evaluate(realData, generatedData, options ?? new GanEvaluationOptions());
    }

    /// <summary>
    /// <see cref="Evaluate(QGanEvaluatorsCatalog, IDataView, IDataView, GanEvaluationOptions?)"/> in the given
    /// spaces with the other options at their defaults, e.g. <c>Evaluate(real, generated, [evaluators.LatentSpace()])</c>.
    /// </summary>
    public static GanEvaluationMetrics Evaluate(this QGanEvaluatorsCatalog catalog, IDataView realData,
        IDataView generatedData, IReadOnlyList<FeatureSpace> spaces)
    {
        ArgumentNullException.ThrowIfNull(spaces);
        return catalog.Evaluate(realData, generatedData, new GanEvaluationOptions { Spaces = spaces });
    }

    /// <summary>Pixel space of an image column (<see cref="FeatureSpace.Pixel"/>).</summary>
    public static FeatureSpace PixelSpace(this QGanEvaluatorsCatalog catalog, string columnName = "Image", int bands = 4)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return FeatureSpace.Pixel(columnName, bands);
    }

    /// <summary>Latent space of a latent column (<see cref="FeatureSpace.Latent"/>).</summary>
    public static FeatureSpace LatentSpace(this QGanEvaluatorsCatalog catalog, string columnName = "Latent")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return FeatureSpace.Latent(columnName);
    }

    /// <summary>Features of a fitted ONNX feature extractor (<see cref="FeatureSpace.Onnx"/>; the caller keeps ownership).</summary>
    public static FeatureSpace OnnxFeatureSpace(this QGanEvaluatorsCatalog catalog, OnnxFeatureExtractorTransformer featurizer,
        string name = "onnx")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return FeatureSpace.Onnx(featurizer, name);
    }

    /// <summary>
    /// The project's SAT-4 feature network (<see cref="FeatureSpace.Sat4Features"/>); without
    /// <paramref name="modelPath"/> the shipped <c>models/sat4-features/features.onnx</c>. The space owns an ONNX
    /// Runtime session: dispose it when done.
    /// </summary>
    public static FeatureSpace Sat4FeatureSpace(this QGanEvaluatorsCatalog catalog, string? modelPath = null,
        string imageColumnName = "Image")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return FeatureSpace.Sat4Features(modelPath ?? ShippedModels.Require(ShippedModels.Sat4FeatureNetwork), imageColumnName);
    }

    /// <summary>Metrics of one feature space from in-memory rows (e.g. pixel images, latent codes or features).</summary>
    public static FeatureSpaceMetrics Evaluate(this QGanEvaluatorsCatalog catalog, IReadOnlyList<float[]> real,
        IReadOnlyList<float[]> generated, FeatureSpace space, GanEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(generated);
        ArgumentNullException.ThrowIfNull(space);
        if (space.Featurizer is not null)
        {
            throw new ArgumentException("In-memory rows are already features; use a space without a featurizer.", nameof(space));
        }
        return GanEvaluator.EvaluateSpace(space, real, generated, options ?? new GanEvaluationOptions());
    }

    /// <summary>Fréchet distance between two sets of feature rows (float64 arithmetic).</summary>
    public static FrechetDistanceResult ComputeFid(this QGanEvaluatorsCatalog catalog, IEnumerable<float[]> real,
        IEnumerable<float[]> generated)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return FrechetDistance.Compute(GaussianMoments.FromRows(real, "real"), GaussianMoments.FromRows(generated, "generated"));
    }

    /// <inheritdoc cref="ComputeFid(QGanEvaluatorsCatalog, IEnumerable{float[]}, IEnumerable{float[]})"/>
    public static FrechetDistanceResult ComputeFid(this QGanEvaluatorsCatalog catalog, IEnumerable<double[]> real,
        IEnumerable<double[]> generated)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return FrechetDistance.Compute(GaussianMoments.FromRows(real, "real"), GaussianMoments.FromRows(generated, "generated"));
    }

    /// <summary>Per-band intensity JSD of CHW [0, 1] images (256 bins, <c>clamp(round(v * 255), 0, 255)</c>).</summary>
    public static PixelJsdResult ComputePixelJsd(this QGanEvaluatorsCatalog catalog, IEnumerable<float[]> realImages,
        IEnumerable<float[]> generatedImages, int bands = 4)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(realImages);
        ArgumentNullException.ThrowIfNull(generatedImages);
        var a = new BandHistograms(bands, "real");
        foreach (var image in realImages)
        {
            a.AddChw(image);
        }
        var b = new BandHistograms(bands, "generated");
        foreach (var image in generatedImages)
        {
            b.AddChw(image);
        }
        return BandHistograms.Compare(a, b);
    }

    /// <summary>JSD of continuous features: per-dimension equal-width histograms over the pooled range, averaged.</summary>
    public static FeatureJsdResult ComputeFeatureJsd(this QGanEvaluatorsCatalog catalog, IReadOnlyList<float[]> real,
        IReadOnlyList<float[]> generated, int bins = FeatureHistogramJsd.DefaultBins)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return FeatureHistogramJsd.Compute(real, generated, bins, "real", "generated");
    }
}
