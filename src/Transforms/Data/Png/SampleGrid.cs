namespace QGan.MLNet.Transforms.Data.Png;

/// <summary>
/// A grid of decoded patches as a false-colour PNG: NIR, red and green bands shown as red, green and blue (the
/// colour-infrared composite, where vegetation is bright red), each patch drawn at 2x with a 2-px gap.
/// </summary>
public static class SampleGrid
{
    /// <summary>Pixels per image pixel.</summary>
    public const int Zoom = 2;

    /// <summary>Pixels between patches.</summary>
    public const int Gap = 2;

    /// <summary>PNG bytes of the grid (<paramref name="columns"/> patches per row, clamped to 1..count).</summary>
    /// <param name="images">Row-major CHW images with values in [0, 1] (values outside are clamped).</param>
    /// <param name="count">Number of images.</param>
    /// <param name="columns">Patches per row.</param>
    public static byte[] Render(ReadOnlySpan<float> images, int count, int columns)
    {
        const int plane = Sat4Schema.PlaneSize;
        if (count < 1 || images.Length != count * Sat4Schema.PixelCount)
        {
            throw new ArgumentException($"{images.Length} values are not {count} SAT-4 images of {Sat4Schema.PixelCount} values");
        }
        columns = Math.Clamp(columns, 1, count);
        int rows = (count + columns - 1) / columns;
        const int cell = Sat4Schema.Width * Zoom + Gap;
        int width = columns * cell + Gap;
        int height = rows * cell + Gap;
        var rgba = new byte[width * height * 4];
        for (int p = 0; p < rgba.Length; p += 4)
        {
            rgba[p] = rgba[p + 1] = rgba[p + 2] = 32;
            rgba[p + 3] = 255;
        }
        for (int i = 0; i < count; i++)
        {
            var image = images.Slice(i * Sat4Schema.PixelCount, Sat4Schema.PixelCount);
            int x0 = Gap + (i % columns) * cell;
            int y0 = Gap + (i / columns) * cell;
            for (int row = 0; row < Sat4Schema.Height * Zoom; row++)
            {
                for (int col = 0; col < Sat4Schema.Width * Zoom; col++)
                {
                    int src = (row / Zoom) * Sat4Schema.Width + col / Zoom;
                    int dst = ((y0 + row) * width + x0 + col) * 4;
                    rgba[dst] = Byte(image[Sat4Schema.NearInfrared * plane + src]);
                    rgba[dst + 1] = Byte(image[Sat4Schema.Red * plane + src]);
                    rgba[dst + 2] = Byte(image[Sat4Schema.Green * plane + src]);
                }
            }
        }
        return PngPatchCodec.EncodeRgba(rgba, width, height, opaque: true);
    }

    private static byte Byte(float v) => float.IsFinite(v) ? (byte)BandHistogramsBin(v) : (byte)0;

    // Same rounding as the pixel metrics: clamp(round(v * 255), 0, 255).
    private static int BandHistogramsBin(float v) => QGan.MLNet.Transforms.Evaluation.BandHistograms.BinOf(v);
}
