using QGan.MLNet.Transforms.Data;

namespace QGan.MLNet.Serving.Images;

/// <summary>
/// Conversions between the Kaggle layout the API speaks ((28, 28, 4) row-major, channels last) and the CHW layout
/// of the ONNX models, plus the value checks every image goes through.
/// </summary>
internal static class PatchLayout
{
    public const int Length = Sat4Schema.PixelCount;

    public static void HwcToChw(ReadOnlySpan<float> hwc, Span<float> chw)
    {
        const int plane = Sat4Schema.PlaneSize, channels = Sat4Schema.Channels;
        for (int p = 0; p < plane; p++)
        {
            for (int c = 0; c < channels; c++)
            {
                chw[c * plane + p] = hwc[p * channels + c];
            }
        }
    }

    public static float[] ChwToHwc(ReadOnlySpan<float> chw)
    {
        const int plane = Sat4Schema.PlaneSize, channels = Sat4Schema.Channels;
        var hwc = new float[Length];
        for (int p = 0; p < plane; p++)
        {
            for (int c = 0; c < channels; c++)
            {
                hwc[p * channels + c] = chw[c * plane + p];
            }
        }
        return hwc;
    }

    /// <summary>Checks one HWC image from a request; the message names the image and value index.</summary>
    public static void Check(float[]? image, string name)
    {
        if (image is null)
        {
            throw new RequestException($"{name} is missing (expected {Length} values in [0,1], (28,28,4) channels last)");
        }
        if (image.Length != Length)
        {
            throw new RequestException($"{name} has {image.Length} values, expected {Length} (a 28x28 patch with 4 bands, channels last)");
        }
        for (int i = 0; i < image.Length; i++)
        {
            if (!float.IsFinite(image[i]) || image[i] < 0f || image[i] > 1f)
            {
                throw new RequestException($"{name}[{i}] is {image[i]}; pixel values must be finite and in [0,1] (divide 8-bit values by 255)");
            }
        }
    }
}
