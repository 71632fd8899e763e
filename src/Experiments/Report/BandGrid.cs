using QGan.MLNet.Transforms.Data.Png;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Evaluation;

namespace QGan.MLNet.Experiments.Report;

/// <summary>
/// A grid of SAT-4 patches in one of three views: true-colour RGB (bands R, G, B), the false-colour infrared
/// composite (NIR, R, G as red, green, blue) or the NIR band as grey; each
/// patch at 3x with a 2-px gap, 8 per row.
/// </summary>
internal static class BandGrid
{
    public enum View { Rgb, FalseColour, Nir }

    private const int Zoom = 3;
    private const int Gap = 2;
    private const int Columns = 8;

    /// <param name="images">Row-major CHW patches with values in [0, 1] (clamped).</param>
    public static byte[] Render(ReadOnlySpan<float> images, View view)
    {
        const int plane = Sat4Schema.PlaneSize;
        int count = images.Length / Sat4Schema.PixelCount;
        if (count < 1 || images.Length != count * Sat4Schema.PixelCount)
        {
            throw new ArgumentException($"{images.Length} values are not whole SAT-4 patches of {Sat4Schema.PixelCount} values");
        }
        int columns = Math.Min(Columns, count);
        int rows = (count + columns - 1) / columns;
        const int cell = Sat4Schema.Width * Zoom + Gap;
        int width = columns * cell + Gap, height = rows * cell + Gap;
        var rgba = new byte[width * height * 4];
        for (int p = 0; p < rgba.Length; p += 4)
        {
            rgba[p] = rgba[p + 1] = rgba[p + 2] = 255;
            rgba[p + 3] = 255;
        }
        for (int i = 0; i < count; i++)
        {
            var image = images.Slice(i * Sat4Schema.PixelCount, Sat4Schema.PixelCount);
            int x0 = Gap + i % columns * cell, y0 = Gap + i / columns * cell;
            for (int row = 0; row < Sat4Schema.Height * Zoom; row++)
            {
                for (int col = 0; col < Sat4Schema.Width * Zoom; col++)
                {
                    int src = row / Zoom * Sat4Schema.Width + col / Zoom;
                    int dst = ((y0 + row) * width + x0 + col) * 4;
                    if (view == View.Rgb)
                    {
                        rgba[dst] = Byte(image[Sat4Schema.Red * plane + src]);
                        rgba[dst + 1] = Byte(image[Sat4Schema.Green * plane + src]);
                        rgba[dst + 2] = Byte(image[Sat4Schema.Blue * plane + src]);
                    }
                    else if (view == View.FalseColour)
                    {
                        // Colour-infrared composite: NIR, R, G as red, green, blue (vegetation shows bright red).
                        rgba[dst] = Byte(image[Sat4Schema.NearInfrared * plane + src]);
                        rgba[dst + 1] = Byte(image[Sat4Schema.Red * plane + src]);
                        rgba[dst + 2] = Byte(image[Sat4Schema.Green * plane + src]);
                    }
                    else
                    {
                        rgba[dst] = rgba[dst + 1] = rgba[dst + 2] = Byte(image[Sat4Schema.NearInfrared * plane + src]);
                    }
                }
            }
        }
        return PngPatchCodec.EncodeRgba(rgba, width, height, opaque: true);
    }

    // Same rounding as the pixel metrics: clamp(round(v * 255), 0, 255); NaN shows black.
    private static byte Byte(float v) => float.IsFinite(v) ? (byte)BandHistograms.BinOf(v) : (byte)0;
}
