namespace QGan.MLNet.Trainers.Autoencoder;

/// <summary>
/// Images for the autoencoder as one contiguous float array: image i occupies
/// <c>[i*C*H*W, (i+1)*C*H*W)</c> in CHW order (index c*H*W + row*W + col), values in [0,1].
/// </summary>
public sealed class AutoencoderDataset
{
    /// <summary>Images laid end to end in <paramref name="pixels"/> (CHW floats in [0, 1]); <paramref name="source"/> names them in errors.</summary>
    public AutoencoderDataset(float[] pixels, int channels, int height, int width, string source = "data")
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (channels <= 0 || height <= 0 || width <= 0)
        {
            throw new ArgumentException($"Image shape must be positive, not {channels}x{height}x{width}.");
        }
        ImageLength = channels * height * width;
        if (pixels.Length == 0 || pixels.Length % ImageLength != 0)
        {
            throw new InvalidDataException($"{source}: {pixels.Length} values do not form whole {channels}x{height}x{width} images.");
        }
        for (var i = 0; i < pixels.Length; i++)
        {
            var v = pixels[i];
            if (!(v >= 0f && v <= 1f))
            {
                throw new InvalidDataException(
                    $"{source}: image {i / ImageLength}, value {i % ImageLength} is {v}; pixel values must be finite and in [0, 1].");
            }
        }
        Pixels = pixels;
        Channels = channels;
        Height = height;
        Width = width;
        Source = source;
    }

    /// <summary>All images, row-major [Count, C, H, W].</summary>
    public float[] Pixels { get; }

    /// <summary>Channels per image.</summary>
    public int Channels { get; }

    /// <summary>Image height.</summary>
    public int Height { get; }

    /// <summary>Image width.</summary>
    public int Width { get; }

    /// <summary>Floats per image (C H W).</summary>
    public int ImageLength { get; }

    /// <summary>Number of images.</summary>
    public int Count => Pixels.Length / ImageLength;

    /// <summary>Where the images came from (file or generator), used in messages and metadata.</summary>
    public string Source { get; }

    /// <summary>The CHW floats of image <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Image(int index) => Pixels.AsSpan(index * ImageLength, ImageLength);
}
