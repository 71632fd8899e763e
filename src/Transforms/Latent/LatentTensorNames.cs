namespace QGan.MLNet.Transforms.Latent;

/// <summary>
/// The ONNX tensor names of the autoencoder halves: <c>encoder.onnx</c> maps <see cref="Image"/> [N,C,H,W] to
/// <see cref="Latent"/> [N,L]; <c>decoder.onnx</c> maps <see cref="Latent"/> back to <see cref="Image"/>.
/// </summary>
public static class LatentTensorNames
{
    public const string Image = "image";
    public const string Latent = "latent";
}
