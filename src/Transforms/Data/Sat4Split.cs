using Microsoft.ML;

namespace QGan.MLNet.Transforms.Data;

/// <summary>
/// One split of SAT-4 patches held in memory as a single <c>byte[]</c>: patch i occupies
/// <c>Pixels[i*3136 .. (i+1)*3136)</c> in CHW order (channel*784 + row*28 + col, channels R, G, B, NIR), the same
/// order as the float <see cref="Sat4Schema.ImageColumn"/>, so a patch converts to floats with a single scaled copy.
/// uint8 storage keeps the full 500k-patch data set at ~1.6 GB instead of ~6.3 GB as floats.
/// </summary>
public sealed class Sat4Split
{
    /// <summary>A split of <paramref name="labels"/>.Length patches: CHW bytes laid end to end in <paramref name="pixels"/>, labels 0..3.</summary>
    public Sat4Split(string name, byte[] pixels, int[] labels)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        if (pixels.LongLength != (long)labels.Length * Sat4Schema.PixelCount)
        {
            throw new ArgumentException(
                $"pixels hold {pixels.LongLength} bytes but {labels.Length} patches need {(long)labels.Length * Sat4Schema.PixelCount}.",
                nameof(pixels));
        }
        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= Sat4Schema.ClassCount)
            {
                throw new ArgumentException($"label {i} is {labels[i]}, outside 0..{Sat4Schema.ClassCount - 1}.", nameof(labels));
            }
        }
        Name = name;
        Pixels = pixels;
        Labels = labels;
    }

    /// <summary>Split name (<c>train</c>, <c>test</c>, ...).</summary>
    public string Name { get; }

    /// <summary>Number of patches.</summary>
    public int Count => Labels.Length;

    /// <summary>
    /// All pixels, uint8, patch after patch in CHW order. Exposed as the array itself for zero-copy interop (pinning,
    /// tensors, spans); treat it as read-only, views and statistics assume it does not change.
    /// </summary>
    public byte[] Pixels { get; }

    /// <summary>Labels 0..3 (see <see cref="Sat4Schema.ClassNames"/>); read-only by convention, like <see cref="Pixels"/>.</summary>
    public int[] Labels { get; }

    /// <summary>The uint8 CHW bytes of patch <paramref name="index"/> (no copy).</summary>
    public ReadOnlySpan<byte> GetPatch(int index)
    {
        CheckIndex(index);
        return Pixels.AsSpan(index * Sat4Schema.PixelCount, Sat4Schema.PixelCount);
    }

    /// <summary>Writes patch <paramref name="index"/> as CHW floats in [0, 1] (uint8 / 255) into <paramref name="destination"/>.</summary>
    public void CopyPatchChw(int index, Span<float> destination)
    {
        if (destination.Length < Sat4Schema.PixelCount)
        {
            throw new ArgumentException($"destination needs {Sat4Schema.PixelCount} floats.", nameof(destination));
        }
        PixelScaling.ToUnitFloats(GetPatch(index), destination);
    }

    /// <summary>Patch <paramref name="index"/> as a new CHW float array in [0, 1].</summary>
    public float[] GetPatchChw(int index)
    {
        var result = new float[Sat4Schema.PixelCount];
        CopyPatchChw(index, result);
        return result;
    }

    /// <summary>
    /// Writes the patches <paramref name="indices"/> one after the other as CHW floats in [0, 1] into
    /// <paramref name="destination"/> (indices.Length * 3136 floats): a training batch in NCHW order, ready for a tensor.
    /// </summary>
    public void CopyPatchesChw(ReadOnlySpan<int> indices, Span<float> destination)
    {
        if (destination.Length < indices.Length * Sat4Schema.PixelCount)
        {
            throw new ArgumentException($"destination needs {indices.Length * Sat4Schema.PixelCount} floats for {indices.Length} patches.", nameof(destination));
        }
        for (var k = 0; k < indices.Length; k++)
        {
            CopyPatchChw(indices[k], destination.Slice(k * Sat4Schema.PixelCount, Sat4Schema.PixelCount));
        }
    }

    /// <summary>A new split holding copies of the patches <paramref name="indices"/> (in that order).</summary>
    public Sat4Split Subset(ReadOnlySpan<int> indices, string? name = null)
    {
        var pixels = new byte[indices.Length * Sat4Schema.PixelCount];
        var labels = new int[indices.Length];
        for (var k = 0; k < indices.Length; k++)
        {
            GetPatch(indices[k]).CopyTo(pixels.AsSpan(k * Sat4Schema.PixelCount, Sat4Schema.PixelCount));
            labels[k] = Labels[indices[k]];
        }
        return new Sat4Split(name ?? Name, pixels, labels);
    }

    /// <summary>The first <paramref name="count"/> patches (all when the split is smaller), e.g. for small test runs.</summary>
    public Sat4Split Head(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var n = Math.Min(count, Count);
        return new Sat4Split(Name, Pixels.AsSpan(0, n * Sat4Schema.PixelCount).ToArray(), Labels.AsSpan(0, n).ToArray());
    }

    /// <summary>Value of one pixel (uint8) by patch, row, column and channel.</summary>
    public byte GetPixel(int index, int row, int col, int channel)
    {
        if ((uint)row >= Sat4Schema.Height || (uint)col >= Sat4Schema.Width || (uint)channel >= Sat4Schema.Channels)
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"({row}, {col}, {channel}) is outside 28x28x4.");
        }
        return GetPatch(index)[Sat4Schema.ChwIndex(channel, row, col)];
    }

    /// <summary>
    /// An <see cref="IDataView"/> over this split with the <see cref="Sat4Schema"/> columns; rows convert to floats
    /// lazily as cursors read them (no float copy of the split).
    /// </summary>
    public IDataView ToDataView(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return new Sat4DataView(this);
    }

    /// <summary>Per-class counts and per-band sums, means and standard deviations.</summary>
    public Sat4SplitStatistics ComputeStatistics() => Sat4SplitStatistics.Compute(this);

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"patch {index} is outside 0..{Count - 1} of split '{Name}'.");
        }
    }
}
