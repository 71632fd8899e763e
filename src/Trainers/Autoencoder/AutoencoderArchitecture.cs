using QGan.MLNet.Core.Limits;

namespace QGan.MLNet.Trainers.Autoencoder;

/// <summary>
/// Shape of the convolutional autoencoder. <see cref="Default"/> is the paper's network (two stride-2 convolutions
/// 64/128, a 1024-unit hidden layer, a 24-d tanh latent); its two large Linear layers hold ~13M parameters.
/// <see cref="Compact"/> (32/64 channels, 128 hidden units) keeps the same structure at ~0.9M parameters and is
/// what the shipped models use.
/// </summary>
public sealed record AutoencoderArchitecture
{
    /// <summary>Image channels (4: R, G, B, NIR).</summary>
    public int InputChannels { get; init; } = 4;

    /// <summary>Height and width of the square input patches; must be divisible by 4 (two stride-2 convolutions).</summary>
    public int ImageSize { get; init; } = 28;

    /// <summary>Latent dimension (24 in the paper).</summary>
    public int LatentSize { get; init; } = 24;

    /// <summary>Channels of the first convolution (and of the last transposed convolution's input).</summary>
    public int ConvChannels1 { get; init; } = 64;

    /// <summary>Channels of the second convolution.</summary>
    public int ConvChannels2 { get; init; } = 128;

    /// <summary>Width of the hidden fully connected layer.</summary>
    public int HiddenSize { get; init; } = 1024;

    /// <summary>The paper's configuration (conv 64/128, hidden 1024): about 13.2M parameters.</summary>
    public static AutoencoderArchitecture Default { get; } = new();

    /// <summary>The shipped compact configuration (conv 32/64, hidden 128): about 0.9M parameters.</summary>
    public static AutoencoderArchitecture Compact { get; } = new() { ConvChannels1 = 32, ConvChannels2 = 64, HiddenSize = 128 };

    /// <summary>Spatial size after the two stride-2 convolutions (7 for 28x28 patches).</summary>
    public int BottleneckSize => ImageSize / 4;

    /// <summary>Number of values of one image, C*H*W (3136 for SAT-4).</summary>
    public int ImageLength => InputChannels * ImageSize * ImageSize;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        Positive(InputChannels, nameof(InputChannels));
        Positive(LatentSize, nameof(LatentSize));
        Positive(ConvChannels1, nameof(ConvChannels1));
        Positive(ConvChannels2, nameof(ConvChannels2));
        Positive(HiddenSize, nameof(HiddenSize));
        if (ImageSize < 4 || ImageSize % 4 != 0)
        {
            throw new ArgumentException($"{nameof(ImageSize)} must be a positive multiple of 4 (two stride-2 convolutions), not {ImageSize}.");
        }
        foreach (var (value, name) in new[] { (InputChannels, nameof(InputChannels)), (LatentSize, nameof(LatentSize)), (ConvChannels1, nameof(ConvChannels1)), (ConvChannels2, nameof(ConvChannels2)), (HiddenSize, nameof(HiddenSize)), (ImageSize, nameof(ImageSize)) })
        {
            SizeLimits.Check(value, 1, SizeLimits.MaxWidth, name);
        }
        // The two Linear layers dominate: (ImageSize / 4)^2 * ConvChannels2 x HiddenSize weights each.
        long flattened = (long)(ImageSize / 4) * (ImageSize / 4) * ConvChannels2;
        if (2 * flattened * HiddenSize > SizeLimits.MaxParameters)
        {
            throw new ArgumentException($"{nameof(HiddenSize)} {HiddenSize} with {flattened:N0} flattened features gives more than {SizeLimits.MaxParameters:N0} parameters.");
        }
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentException($"{name} must be positive, not {value}.");
        }
    }
}
