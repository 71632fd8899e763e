namespace QGan.MLNet.Transforms.Latent;

/// <summary>Which half of the autoencoder an ONNX model is.</summary>
public enum LatentModelKind
{
    /// <summary>image [N,C,H,W] -> latent [N,L].</summary>
    Encoder,

    /// <summary>latent [N,L] -> image [N,C,H,W].</summary>
    Decoder,
}
