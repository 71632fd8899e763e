using System.Globalization;
using System.Text.Json;
using QGan.MLNet.Trainers.Onnx;
using QGan.MLNet.Transforms.Latent;

namespace QGan.MLNet.Trainers.Autoencoder;

/// <summary>
/// Exports the two halves of a <see cref="ConvAutoencoder"/>: <c>encoder.onnx</c> (<c>image</c> [N,C,S,S] ->
/// <c>latent</c> [N,L]) and <c>decoder.onnx</c> (<c>latent</c> -> <c>image</c>), each with metadata_props
/// describing the model (producer, role, latent size, image shape, architecture, plus caller-supplied entries
/// such as the training data and seed).
/// </summary>
public static class AutoencoderOnnx
{
    /// <summary><c>encoder.onnx</c>.</summary>
    public const string EncoderFileName = "encoder.onnx";
    /// <summary><c>decoder.onnx</c>.</summary>
    public const string DecoderFileName = "decoder.onnx";

    /// <summary>The encoder half as ONNX bytes (<c>image</c> [N, C, H, W] -&gt; <c>latent</c> [N, L]) with the given metadata.</summary>
    public static byte[] ExportEncoder(ConvAutoencoder model, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(model);
        var a = model.Architecture;
        return new OnnxModuleExporter().ExportBytes(model.Encoder, new OnnxExportOptions
        {
            InputName = LatentTensorNames.Image,
            InputShape = [a.InputChannels, a.ImageSize, a.ImageSize],
            OutputName = LatentTensorNames.Latent,
            ExpectedOutputShape = [a.LatentSize],
            GraphName = "encoder",
            DocString = "Convolutional encoder: image [N,C,H,W] in [0,1] -> tanh latent [N,L].",
            Metadata = Metadata(model, "encoder", metadata),
        });
    }

    /// <summary>The decoder half as ONNX bytes (<c>latent</c> [N, L] -&gt; <c>image</c> [N, C, H, W]) with the given metadata.</summary>
    public static byte[] ExportDecoder(ConvAutoencoder model, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(model);
        var a = model.Architecture;
        return new OnnxModuleExporter().ExportBytes(model.Decoder, new OnnxExportOptions
        {
            InputName = LatentTensorNames.Latent,
            InputShape = [a.LatentSize],
            OutputName = LatentTensorNames.Image,
            ExpectedOutputShape = [a.InputChannels, a.ImageSize, a.ImageSize],
            GraphName = "decoder",
            DocString = "Convolutional decoder: latent [N,L] -> sigmoid image [N,C,H,W] in [0,1].",
            Metadata = Metadata(model, "decoder", metadata),
        });
    }

    private static Dictionary<string, string> Metadata(ConvAutoencoder model, string role, IReadOnlyDictionary<string, string> extra)
    {
        var a = model.Architecture;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["producer"] = OnnxModuleExporter.ProducerName,
            ["role"] = role,
            ["latent_size"] = a.LatentSize.ToString(CultureInfo.InvariantCulture),
            ["image_shape"] = FormattableString.Invariant($"{a.InputChannels},{a.ImageSize},{a.ImageSize}"),
            ["image_layout"] = "CHW, channels R,G,B,NIR, values in [0,1]",
            ["architecture"] = JsonSerializer.Serialize(a),
        };
        foreach (var (key, value) in extra)
        {
            metadata[key] = value;
        }
        return metadata;
    }
}
