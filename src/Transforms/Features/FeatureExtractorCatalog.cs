using QGan.MLNet.Transforms.Features;

// Catalog extensions live beside QGanCatalog so `using QGan.MLNet.Transforms.Catalog;` brings in every entry point.
namespace QGan.MLNet.Transforms.Catalog;

/// <summary><c>mlContext.QGan().Transforms.ExtractOnnxFeatures(...)</c>.</summary>
public static class FeatureExtractorCatalog
{
    /// <summary>Generic ONNX feature extractor (band selection, bilinear resize, scaling, batched ONNX Runtime).</summary>
    public static OnnxFeatureExtractorEstimator ExtractOnnxFeatures(this QGanTransformsCatalog catalog,
        OnnxFeatureExtractorOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new OnnxFeatureExtractorEstimator(catalog.Context, options);
    }

    /// <summary>FID Inception-v3 features from a user-supplied ONNX file (see <see cref="OnnxFeatureExtractorOptions.InceptionV3Fid"/>).</summary>
    public static OnnxFeatureExtractorEstimator ExtractInceptionV3FidFeatures(this QGanTransformsCatalog catalog,
        string modelPath, string? onnxInputName = null, string? onnxOutputName = null,
        string inputColumnName = "Image", string outputColumnName = "Features")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new OnnxFeatureExtractorEstimator(catalog.Context, OnnxFeatureExtractorOptions.InceptionV3Fid(
            modelPath, onnxInputName, onnxOutputName, inputColumnName: inputColumnName, outputColumnName: outputColumnName));
    }
}
