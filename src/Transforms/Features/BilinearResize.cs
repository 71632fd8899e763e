namespace QGan.MLNet.Transforms.Features;

/// <summary>
/// Bilinear resampling of one image plane, with the two sampling conventions of
/// <c>torch.nn.functional.interpolate(mode="bilinear")</c>.
/// </summary>
/// <remarks>
/// For output index <c>o</c> along an axis of input size <c>in</c> and output size <c>out</c>, the source coordinate is
/// <list type="bullet">
/// <item><c>align_corners=False</c> (default, pixel centres aligned): <c>s = max(0, (o + 0.5) * in / out - 0.5)</c>;</item>
/// <item><c>align_corners=True</c> (corner pixels aligned): <c>s = o * (in - 1) / (out - 1)</c> (0 when out = 1).</item>
/// </list>
/// The value is <c>(1 - t) x[i0] + t x[i1]</c> with <c>i0 = floor(s)</c>, <c>i1 = min(i0 + 1, in - 1)</c>, <c>t = s - i0</c>,
/// applied along rows and columns. Like torch without <c>antialias</c>, downsampling does not low-pass filter.
/// </remarks>
public sealed class BilinearResize
{
    private readonly AxisTable _rows;
    private readonly AxisTable _cols;

    /// <summary>A resize of planes of <paramref name="inHeight"/> x <paramref name="inWidth"/> to <paramref name="outHeight"/> x <paramref name="outWidth"/>.</summary>
    public BilinearResize(int inHeight, int inWidth, int outHeight, int outWidth, bool alignCorners = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inHeight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outHeight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outWidth, 1);
        InHeight = inHeight;
        InWidth = inWidth;
        OutHeight = outHeight;
        OutWidth = outWidth;
        AlignCorners = alignCorners;
        _rows = new AxisTable(inHeight, outHeight, alignCorners);
        _cols = new AxisTable(inWidth, outWidth, alignCorners);
    }

    /// <summary>Source height.</summary>
    public int InHeight { get; }
    /// <summary>Source width.</summary>
    public int InWidth { get; }
    /// <summary>Target height.</summary>
    public int OutHeight { get; }
    /// <summary>Target width.</summary>
    public int OutWidth { get; }
    /// <summary>The sampling convention: true = torch's align_corners=True.</summary>
    public bool AlignCorners { get; }

    /// <summary>True when the resize is the identity (same size), so callers can copy instead.</summary>
    public bool IsIdentity => InHeight == OutHeight && InWidth == OutWidth;

    /// <summary>Source coordinate of output index <paramref name="o"/> (exposed for documentation and tests).</summary>
    public static double SourceCoordinate(int o, int inSize, int outSize, bool alignCorners)
    {
        if (alignCorners)
        {
            return outSize > 1 ? o * (double)(inSize - 1) / (outSize - 1) : 0.0;
        }
        return Math.Max(0.0, (o + 0.5) * inSize / outSize - 0.5);
    }

    /// <summary>Resizes one plane (row-major <c>InHeight x InWidth</c>) into <paramref name="destination"/>.</summary>
    public void ResizePlane(ReadOnlySpan<float> source, Span<float> destination)
    {
        if (source.Length != InHeight * InWidth)
        {
            throw new ArgumentException($"Plane has {source.Length} values, expected {InHeight} x {InWidth}.", nameof(source));
        }
        if (destination.Length != OutHeight * OutWidth)
        {
            throw new ArgumentException($"Destination has {destination.Length} values, expected {OutHeight} x {OutWidth}.", nameof(destination));
        }
        for (var oy = 0; oy < OutHeight; oy++)
        {
            var r0 = source.Slice(_rows.Low[oy] * InWidth, InWidth);
            var r1 = source.Slice(_rows.High[oy] * InWidth, InWidth);
            var ty = _rows.Weight[oy];
            var dst = destination.Slice(oy * OutWidth, OutWidth);
            for (var ox = 0; ox < OutWidth; ox++)
            {
                int c0 = _cols.Low[ox], c1 = _cols.High[ox];
                var tx = _cols.Weight[ox];
                var top = (1 - tx) * r0[c0] + tx * r0[c1];
                var bottom = (1 - tx) * r1[c0] + tx * r1[c1];
                dst[ox] = (float)((1 - ty) * top + ty * bottom);
            }
        }
    }

    private sealed class AxisTable
    {
        public AxisTable(int inSize, int outSize, bool alignCorners)
        {
            Low = new int[outSize];
            High = new int[outSize];
            Weight = new double[outSize];
            for (var o = 0; o < outSize; o++)
            {
                var s = SourceCoordinate(o, inSize, outSize, alignCorners);
                var i0 = Math.Min((int)Math.Floor(s), inSize - 1);
                Low[o] = i0;
                High[o] = Math.Min(i0 + 1, inSize - 1);
                Weight[o] = s - i0;
            }
        }

        public int[] Low { get; }
        public int[] High { get; }
        public double[] Weight { get; }
    }
}
