namespace QGan.MLNet.Transforms.Data;

/// <summary>
/// Per-patch conversions between the canonical CHW byte layout and the layouts of the source formats:
/// <list type="bullet">
/// <item>MATLAB column-major: (row, col, ch) at row + 28*col + 784*ch (each band plane transposed).</item>
/// <item>HWC / interleaved RGBA: (row, col, ch) at (row*28 + col)*4 + ch; the Kaggle CSV rows and the PNG pixels.</item>
/// </list>
/// </summary>
public static class Sat4Layouts
{
    private const int H = Sat4Schema.Height;
    private const int W = Sat4Schema.Width;
    private const int C = Sat4Schema.Channels;
    private const int Plane = Sat4Schema.PlaneSize;

    /// <summary>The MATLAB file's column-major (28, 28, 4) patch bytes to CHW.</summary>
    public static void ColumnMajorToChw(ReadOnlySpan<byte> source, Span<byte> chw)
    {
        Check(source, chw);
        for (var ch = 0; ch < C; ch++)
        {
            var src = source.Slice(ch * Plane, Plane);
            var dst = chw.Slice(ch * Plane, Plane);
            for (var col = 0; col < W; col++)
            {
                var column = src.Slice(col * H, H);
                for (var row = 0; row < H; row++)
                {
                    dst[row * W + col] = column[row];
                }
            }
        }
    }

    /// <summary>CHW patch bytes to the MATLAB file's column-major (28, 28, 4) layout.</summary>
    public static void ChwToColumnMajor(ReadOnlySpan<byte> chw, Span<byte> destination)
    {
        Check(chw, destination);
        for (var ch = 0; ch < C; ch++)
        {
            var src = chw.Slice(ch * Plane, Plane);
            var dst = destination.Slice(ch * Plane, Plane);
            for (var row = 0; row < H; row++)
            {
                for (var col = 0; col < W; col++)
                {
                    dst[col * H + row] = src[row * W + col];
                }
            }
        }
    }

    /// <summary>HWC patch bytes (the Kaggle layout) to CHW.</summary>
    public static void HwcToChw(ReadOnlySpan<byte> hwc, Span<byte> chw)
    {
        Check(hwc, chw);
        for (var p = 0; p < Plane; p++)
        {
            var px = hwc.Slice(p * C, C);
            chw[p] = px[0];
            chw[Plane + p] = px[1];
            chw[2 * Plane + p] = px[2];
            chw[3 * Plane + p] = px[3];
        }
    }

    /// <summary>CHW patch bytes to HWC (the Kaggle layout).</summary>
    public static void ChwToHwc(ReadOnlySpan<byte> chw, Span<byte> hwc)
    {
        Check(chw, hwc);
        for (var p = 0; p < Plane; p++)
        {
            var px = hwc.Slice(p * C, C);
            px[0] = chw[p];
            px[1] = chw[Plane + p];
            px[2] = chw[2 * Plane + p];
            px[3] = chw[3 * Plane + p];
        }
    }

    private static void Check(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.Length != Sat4Schema.PixelCount || destination.Length != Sat4Schema.PixelCount)
        {
            throw new ArgumentException($"a patch has {Sat4Schema.PixelCount} values (got {source.Length} -> {destination.Length}).");
        }
    }
}
