namespace QGan.MLNet.Transforms.Features;

/// <summary>
/// Turns one project image (CHW floats) into one ONNX model input sample: selects bands (in the given order,
/// repeats allowed, e.g. <c>[3, 3, 3]</c> replicates NIR), resizes each band bilinearly, then applies the
/// per-channel affine map <c>y = x * scale[c] + offset[c]</c>.
/// </summary>
public sealed class FeatureInputPreprocessor
{
    private readonly int[] _bands;
    private readonly float[] _scale;
    private readonly float[] _offset;
    private readonly BilinearResize _resize;

    /// <summary>A preprocessor from source images (channels, height, width) to model samples: selected bands, resized, then scaled and offset per channel.</summary>
    public FeatureInputPreprocessor(int sourceChannels, int sourceHeight, int sourceWidth, IReadOnlyList<int> bands,
        int targetHeight, int targetWidth, bool alignCorners, IReadOnlyList<float> scale, IReadOnlyList<float> offset)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceChannels, 1);
        ArgumentNullException.ThrowIfNull(bands);
        if (bands.Count == 0)
        {
            throw new ArgumentException("At least one band must be selected.", nameof(bands));
        }
        foreach (var b in bands)
        {
            if (b < 0 || b >= sourceChannels)
            {
                throw new ArgumentOutOfRangeException(nameof(bands), $"Band index {b} is outside 0..{sourceChannels - 1}.");
            }
        }
        SourceChannels = sourceChannels;
        SourceHeight = sourceHeight;
        SourceWidth = sourceWidth;
        _bands = [.. bands];
        _scale = PerChannel(scale, _bands.Length, nameof(scale));
        _offset = PerChannel(offset, _bands.Length, nameof(offset));
        _resize = new BilinearResize(sourceHeight, sourceWidth, targetHeight, targetWidth, alignCorners);
    }

    /// <summary>Channels of a source image.</summary>
    public int SourceChannels { get; }
    /// <summary>Height of a source image.</summary>
    public int SourceHeight { get; }
    /// <summary>Width of a source image.</summary>
    public int SourceWidth { get; }

    /// <summary>Values per source image (C x H x W).</summary>
    public int SourceLength => SourceChannels * SourceHeight * SourceWidth;

    /// <summary>Channels of a model sample (the selected bands).</summary>
    public int OutputChannels => _bands.Length;
    /// <summary>Height of a model sample.</summary>
    public int OutputHeight => _resize.OutHeight;
    /// <summary>Width of a model sample.</summary>
    public int OutputWidth => _resize.OutWidth;

    /// <summary>Values per model input sample (C' x H' x W').</summary>
    public int OutputLength => OutputChannels * OutputHeight * OutputWidth;

    /// <summary>Preprocesses one CHW image into <paramref name="destination"/> (length <see cref="OutputLength"/>).</summary>
    public void Process(ReadOnlySpan<float> image, Span<float> destination)
    {
        if (image.Length != SourceLength)
        {
            throw new InvalidDataException(
                $"Image has {image.Length} values, expected {SourceChannels} x {SourceHeight} x {SourceWidth} = {SourceLength}.");
        }
        if (destination.Length != OutputLength)
        {
            throw new ArgumentException($"Destination has {destination.Length} values, expected {OutputLength}.", nameof(destination));
        }
        var inPlane = SourceHeight * SourceWidth;
        var outPlane = OutputHeight * OutputWidth;
        for (var c = 0; c < _bands.Length; c++)
        {
            var src = image.Slice(_bands[c] * inPlane, inPlane);
            var dst = destination.Slice(c * outPlane, outPlane);
            if (_resize.IsIdentity)
            {
                src.CopyTo(dst);
            }
            else
            {
                _resize.ResizePlane(src, dst);
            }
            float s = _scale[c], o = _offset[c];
            if (s != 1f || o != 0f)
            {
                for (var i = 0; i < dst.Length; i++)
                {
                    dst[i] = dst[i] * s + o;
                }
            }
        }
    }

    private static float[] PerChannel(IReadOnlyList<float> values, int channels, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count == 1)
        {
            return Enumerable.Repeat(values[0], channels).ToArray();
        }
        if (values.Count != channels)
        {
            throw new ArgumentException($"{name} has {values.Count} values; give 1 or one per selected band ({channels}).", name);
        }
        return [.. values];
    }
}
