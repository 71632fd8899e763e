using Microsoft.ML;
using QGan.MLNet.Transforms.Evaluation;

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
