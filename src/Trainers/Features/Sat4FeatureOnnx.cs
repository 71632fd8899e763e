using System.Globalization;
using QGan.MLNet.Trainers.Onnx;
using QGan.MLNet.Transforms.Features;

namespace QGan.MLNet.Trainers.Features;

/// <summary>
/// Exports the feature part of a <see cref="Sat4FeatureNetwork"/> as <c>features.onnx</c>: input <c>image</c>
/// [N,4,28,28] (CHW, R,G,B,NIR in [0,1]) -&gt; output <c>features</c> [N,128], with metadata_props naming the
/// producer, the role, the feature dimension and caller-supplied entries (training data, seed, accuracy).
/// </summary>
public static class Sat4FeatureOnnx
{
    /// <summary><c>features.onnx</c>.</summary>
    public const string FileName = "features.onnx";

    /// <summary>The network's feature part as ONNX bytes (<c>image</c> [N, 4, 28, 28] -&gt; <c>features</c> [N, 128]).</summary>
    public static byte[] Export(Sat4FeatureNetwork model, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(metadata);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["producer"] = OnnxModuleExporter.ProducerName,
            ["role"] = "sat4-features",
            ["feature_dim"] = Sat4FeatureNetwork.FeatureDimension.ToString(CultureInfo.InvariantCulture),
            ["image_shape"] = FormattableString.Invariant($"{Sat4FeatureNetwork.InputChannels},{Sat4FeatureNetwork.ImageSize},{Sat4FeatureNetwork.ImageSize}"),
            ["image_layout"] = "CHW, channels R,G,B,NIR, values in [0,1]",
            ["architecture"] = "conv3x3s2(4->32)+BN+ReLU, conv3x3s2(32->64)+BN+ReLU, conv3x3s2(64->64)+BN+ReLU, flatten(1024), linear(1024->128)+ReLU",
        };
        foreach (var (key, value) in metadata)
        {
            entries[key] = value;
        }
        return new OnnxModuleExporter().ExportBytes(model.Features, new OnnxExportOptions
        {
            InputName = OnnxFeatureExtractorOptions.Sat4FeatureInputName,
            InputShape = [Sat4FeatureNetwork.InputChannels, Sat4FeatureNetwork.ImageSize, Sat4FeatureNetwork.ImageSize],
            OutputName = OnnxFeatureExtractorOptions.Sat4FeatureOutputName,
            ExpectedOutputShape = [Sat4FeatureNetwork.FeatureDimension],
            GraphName = "sat4_features",
            DocString = "SAT-4 classifier features (penultimate layer): image [N,4,28,28] in [0,1] -> features [N,128]. A SAT-4-specific feature space, not Inception.",
            Metadata = entries,
        });
    }
}
