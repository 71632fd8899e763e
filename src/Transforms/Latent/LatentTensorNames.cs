namespace QGan.MLNet.Transforms.Latent;

/// <summary>
/// The ONNX tensor names of the autoencoder halves: <c>encoder.onnx</c> maps <see cref="Image"/> [N,C,H,W] to
/// <see cref="Latent"/> [N,L]; <c>decoder.onnx</c> maps <see cref="Latent"/> back to <see cref="Image"/>. An exported
/// generator (<c>qgan export-onnx</c>) maps <see cref="Noise"/> [N,D] to <see cref="Latent"/> and <see cref="Image"/>;
/// an exported critic maps <see cref="Latent"/> to <see cref="Score"/> [N,1].
/// </summary>
public static class LatentTensorNames
{
    /// <summary>Images [N, C, H, W], CHW floats in [0, 1].</summary>
    public const string Image = "image";

    /// <summary>Latent codes [N, L].</summary>
    public const string Latent = "latent";

    /// <summary>Generator input noise [N, D], standard normal.</summary>
    public const string Noise = "noise";

    /// <summary>Critic scores [N, 1].</summary>
    public const string Score = "score";
}
