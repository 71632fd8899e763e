using QGan.MLNet.Transforms.Latent;

// Catalog extensions live beside QGanCatalog so `using QGan.MLNet.Transforms.Catalog;` brings in every entry point.
namespace QGan.MLNet.Transforms.Catalog;

/// <summary>
/// <c>mlContext.QGan().Transforms.EncodeLatent(...)</c> and <c>.DecodeLatent(...)</c>. The ONNX model is loaded
/// and its signature checked when the estimator is created, so a wrong file fails before any data flows.
/// </summary>
public static class LatentTransformsCatalogExtensions
{
    /// <summary>
    /// Encodes image vectors (C*H*W floats in [0,1], CHW order) into latent vectors with <c>encoder.onnx</c>; without a
    /// path, with the shipped <c>models/sat4-synthetic/encoder.onnx</c> (<see cref="IO.ShippedModels"/>).
    /// </summary>
    public static LatentOnnxEstimator EncodeLatent(this QGanTransformsCatalog catalog, string? encoderPath = null,
        string inputColumn = "Image", string outputColumn = "Latent")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        encoderPath ??= Path.Combine(IO.ShippedModels.Require(IO.ShippedModels.Sat4SyntheticAutoencoder), "encoder.onnx");
        return new LatentOnnxEstimator(catalog.Context, LatentOnnxModel.Load(encoderPath, LatentModelKind.Encoder), inputColumn, outputColumn);
    }

    /// <summary>
    /// Decodes latent vectors into image vectors (C*H*W floats, CHW order) with <c>decoder.onnx</c>; without a path,
    /// with the shipped <c>models/sat4-synthetic/decoder.onnx</c>.
    /// </summary>
    public static LatentOnnxEstimator DecodeLatent(this QGanTransformsCatalog catalog, string? decoderPath = null,
        string inputColumn = "Latent", string outputColumn = "Image")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        decoderPath ??= Path.Combine(IO.ShippedModels.Require(IO.ShippedModels.Sat4SyntheticAutoencoder), "decoder.onnx");
        return new LatentOnnxEstimator(catalog.Context, LatentOnnxModel.Load(decoderPath, LatentModelKind.Decoder), inputColumn, outputColumn);
    }

    /// <summary>Encodes with an already loaded (and checked) encoder model.</summary>
    public static LatentOnnxEstimator EncodeLatent(this QGanTransformsCatalog catalog, LatentOnnxModel encoder,
        string inputColumn = "Image", string outputColumn = "Latent")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(encoder);
        return encoder.Kind == LatentModelKind.Encoder
            ? new LatentOnnxEstimator(catalog.Context, encoder, inputColumn, outputColumn)
            : throw new ArgumentException($"Model '{encoder.Source}' is a decoder, not an encoder.", nameof(encoder));
    }

    /// <summary>Decodes with an already loaded (and checked) decoder model.</summary>
    public static LatentOnnxEstimator DecodeLatent(this QGanTransformsCatalog catalog, LatentOnnxModel decoder,
        string inputColumn = "Latent", string outputColumn = "Image")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(decoder);
        return decoder.Kind == LatentModelKind.Decoder
            ? new LatentOnnxEstimator(catalog.Context, decoder, inputColumn, outputColumn)
            : throw new ArgumentException($"Model '{decoder.Source}' is an encoder, not a decoder.", nameof(decoder));
    }
}
