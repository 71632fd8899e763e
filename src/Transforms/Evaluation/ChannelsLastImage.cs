namespace QGan.MLNet.Transforms.Evaluation;

/// <summary>
/// Conversion of channels-last 8-bit rows (the Kaggle SAT-4 CSV layout: the (28, 28, 4) patch flattened row-major)
/// to the project's image contract: CHW floats <c>uint8 / 255</c>, index <c>c * H W + row * W + col</c>.
/// </summary>
public static class ChannelsLastImage
{
    /// <summary>Converts one HWC row of <paramref name="channels"/>-channel pixels into <paramref name="destination"/> (CHW).</summary>
    public static void ToChw(ReadOnlySpan<byte> hwc, int channels, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        if (hwc.Length % channels != 0)
        {
            throw new InvalidDataException($"{hwc.Length} values are not a whole number of {channels}-channel pixels.");
        }
        if (destination.Length != hwc.Length)
        {
            throw new ArgumentException($"Destination has {destination.Length} values, expected {hwc.Length}.", nameof(destination));
        }
        var pixels = hwc.Length / channels;
        for (var p = 0; p < pixels; p++)
        {
            for (var c = 0; c < channels; c++)
            {
                destination[c * pixels + p] = hwc[p * channels + c] / 255f;
            }
        }
    }

    /// <summary>Side of a square image with <paramref name="values"/> values of <paramref name="channels"/> channels, or -1.</summary>
    public static int SquareSide(int values, int channels)
    {
        if (channels < 1 || values % channels != 0)
        {
            return -1;
        }
        var pixels = values / channels;
        var side = (int)Math.Round(Math.Sqrt(pixels));
        return side * side == pixels ? side : -1;
    }
}
