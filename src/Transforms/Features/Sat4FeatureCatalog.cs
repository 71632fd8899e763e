using QGan.MLNet.Transforms.Features;

namespace QGan.MLNet.Transforms.Catalog;

/// <summary><c>mlContext.QGan().Transforms.ExtractSat4Features(...)</c>: the project's SAT-4 feature network.</summary>
public static class Sat4FeatureCatalog
{
    /// <summary>
    /// 128 SAT-4 classifier features per image from <c>features.onnx</c> (written by <c>qgan train-features</c>;
    /// shipped in <c>models/sat4-features</c>): all four bands, 28x28, [0, 1], no resize or scaling
    /// (see <see cref="OnnxFeatureExtractorOptions.Sat4FeatureNetwork"/>).
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="modelPath">The model; null: the shipped <c>models/sat4-features/features.onnx</c> (<see cref="IO.ShippedModels"/>).</param>
    /// <param name="inputColumnName">The image column.</param>
    /// <param name="outputColumnName">The feature column.</param>
    public static OnnxFeatureExtractorEstimator ExtractSat4Features(this QGanTransformsCatalog catalog, string? modelPath = null,
        string inputColumnName = "Image", string outputColumnName = "Features")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        modelPath ??= IO.ShippedModels.Require(IO.ShippedModels.Sat4FeatureNetwork);
        return new OnnxFeatureExtractorEstimator(catalog.Context,
            OnnxFeatureExtractorOptions.Sat4FeatureNetwork(modelPath, inputColumnName, outputColumnName));
    }
}
