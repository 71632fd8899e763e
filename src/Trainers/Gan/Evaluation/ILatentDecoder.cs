namespace QGan.MLNet.Trainers.Gan.Evaluation;

/// <summary>Maps latent rows to image rows (CHW floats in [0, 1]), e.g. the autoencoder's <c>decoder.onnx</c>.</summary>
public interface ILatentDecoder
{
    /// <summary>Latent values per row.</summary>
    int LatentDimension { get; }

    /// <summary>Values per decoded image (C*H*W).</summary>
    int ImageLength { get; }

    /// <summary>Number of bands (channels) of a decoded image.</summary>
    int Channels { get; }

    /// <summary>Decodes row-major latents [rows, LatentDimension] into row-major images [rows, ImageLength].</summary>
    float[] Decode(ReadOnlySpan<float> latents);
}
