using QGan.MLNet.Transforms.Csv;

namespace QGan.MLNet.Transforms.Latent;

/// <summary>How decoded pixel values are written.</summary>
public enum PixelFormat
{
    /// <summary>Integers 0..255: round(value * 255), clamped; the Kaggle SAT-4 CSV format.</summary>
    Byte,

    /// <summary>Floats in [0,1] as the decoder produced them.</summary>
    UnitFloat,
}

/// <summary>
/// Writes decoded images in the Kaggle SAT-4 CSV layout: one row per image, no header, C*H*W values per row in
/// (H, W, C) row-major order (channels last), converted from the decoder's CHW output.
/// </summary>
public static class DecodedImageCsv
{
    /// <summary>Writes images (CHW floats in [0, 1]) as CSV in the Kaggle layout (HWC), one image per row, atomically.</summary>
    public static void Write(string path, IEnumerable<float[]> chwImages, int channels, int height, int width, PixelFormat format)
    {
        ArgumentNullException.ThrowIfNull(chwImages);
        var plane = height * width;
        IEnumerable<float[]> Hwc() => chwImages.Select(image =>
        {
            if (image.Length != channels * plane)
            {
                throw new ArgumentException($"An image has {image.Length} values, not {channels}x{height}x{width}.");
            }
            var hwc = new float[image.Length];
            for (var p = 0; p < plane; p++)
            {
                for (var c = 0; c < channels; c++)
                {
                    hwc[p * channels + c] = image[c * plane + p];
                }
            }
            return hwc;
        });
        if (format == PixelFormat.Byte)
        {
            NumericCsv.Write(path, Hwc().Select(hwc => Array.ConvertAll(hwc, ToByte)));
        }
        else
        {
            NumericCsv.Write(path, Hwc());
        }
    }

    /// <summary>round(v * 255) to the nearest integer (halves away from zero), clamped to 0..255.</summary>
    public static byte ToByte(float v) => (byte)Math.Clamp(MathF.Round(v * 255f, MidpointRounding.AwayFromZero), 0f, 255f);
}
