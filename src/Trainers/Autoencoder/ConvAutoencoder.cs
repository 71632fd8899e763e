using QGan.MLNet.Trainers.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using ScalarSafe = QGan.MLNet.Trainers.Runtime.ScalarSafe;

namespace QGan.MLNet.Trainers.Autoencoder;

/// <summary>
/// Convolutional autoencoder for C x S x S patches in [0,1] with a tanh latent. The encoder and decoder are
/// separate <c>Sequential</c> modules built only from layers the ONNX exporter converts, so each half is
/// exported on its own (<c>encoder.onnx</c>, <c>decoder.onnx</c>).
/// </summary>
public sealed class ConvAutoencoder : Module<Tensor, Tensor>
{
    private readonly Sequential encoder;
    private readonly Sequential decoder;

    /// <summary>An untrained autoencoder of <paramref name="architecture"/>.</summary>
    public ConvAutoencoder(AutoencoderArchitecture architecture) : base(nameof(ConvAutoencoder))
    {
        ArgumentNullException.ThrowIfNull(architecture);
        architecture.Validate();
        Architecture = architecture;
        var a = architecture;
        var b = a.BottleneckSize;
        var flat = (long)a.ConvChannels2 * b * b;

        encoder = Sequential(
            ("conv1", Conv2d(a.InputChannels, a.ConvChannels1, kernel_size: 4, stride: 2, padding: 1)),
            ("relu1", ReLU()),
            ("conv2", Conv2d(a.ConvChannels1, a.ConvChannels2, kernel_size: 4, stride: 2, padding: 1)),
            ("relu2", ReLU()),
            ("bn2", new ScalarSafe.BatchNorm2d(a.ConvChannels2)),
            ("flatten", Flatten()),
            ("fc1", Linear(flat, a.HiddenSize)),
            ("bn3", new ScalarSafe.BatchNorm1d(a.HiddenSize)),
            ("relu3", ReLU()),
            ("fc2", Linear(a.HiddenSize, a.LatentSize)),
            ("tanh", Tanh()));

        decoder = Sequential(
            ("fc1", Linear(a.LatentSize, a.HiddenSize)),
            ("bn1", new ScalarSafe.BatchNorm1d(a.HiddenSize)),
            ("relu1", ReLU()),
            ("fc2", Linear(a.HiddenSize, flat)),
            ("bn2", new ScalarSafe.BatchNorm1d(flat)),
            ("relu2", ReLU()),
            ("unflatten", Unflatten(1, [a.ConvChannels2, b, b])),
            ("deconv1", ConvTranspose2d(a.ConvChannels2, a.ConvChannels1, kernel_size: 4, stride: 2, padding: 1)),
            ("bn3", new ScalarSafe.BatchNorm2d(a.ConvChannels1)),
            ("relu3", ReLU()),
            ("deconv2", ConvTranspose2d(a.ConvChannels1, a.InputChannels, kernel_size: 4, stride: 2, padding: 1)),
            ("sigmoid", Sigmoid()));

        RegisterComponents();
    }

    /// <summary>The architecture.</summary>
    public AutoencoderArchitecture Architecture { get; }

    /// <summary>image [N,C,S,S] -> latent [N,L] in (-1, 1).</summary>
    public Sequential Encoder => encoder;

    /// <summary>latent [N,L] -> image [N,C,S,S] in (0, 1).</summary>
    public Sequential Decoder => decoder;

    /// <summary>Trainable parameters.</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>
    /// Re-draws every weight and bias the way PyTorch initialises Conv, ConvTranspose and Linear layers
    /// (kaiming_uniform with a = sqrt(5), i.e. U(-1/sqrt(fan_in), 1/sqrt(fan_in)), fan_in = weight.size(1) times the
    /// kernel area) from <paramref name="generator"/> instead of the process-wide generator, so the initial weights
    /// depend on the seed alone even when other code uses torch's global RNG concurrently. BatchNorm layers keep
    /// weight 1 and bias 0.
    /// </summary>
    public void ResetParameters(Generator generator) =>
        SeededInitialization.ResetDefault(encoder.children().Concat(decoder.children()), generator);

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => decoder.forward(encoder.forward(input));

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            encoder.Dispose();
            decoder.Dispose();
        }
        base.Dispose(disposing);
    }
}
