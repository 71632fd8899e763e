using System.Runtime.InteropServices;
using SkiaSharp;

namespace QGan.MLNet.Transforms.Data.Png;

/// <summary>
/// Encodes and decodes one patch as a 28x28 RGBA PNG with NIR in the alpha channel, exactly: pixels are written and
/// read as UNPREMULTIPLIED RGBA through SkiaSharp (the imaging library ML.NET ImageAnalytics uses), so all four bands
/// round-trip bit-exactly, including pixels with NIR (alpha) 0 whose RGB a premultiplying decoder would erase.
/// </summary>
public static class PngPatchCodec
{
    private static readonly SKImageInfo _info = new(Sat4Schema.Width, Sat4Schema.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);

    /// <summary>PNG bytes of a CHW patch (R, G, B, NIR -> R, G, B, A).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> chw)
    {
        var rgba = new byte[Sat4Schema.PixelCount];
        Sat4Layouts.ChwToHwc(chw, rgba);
        return EncodeRgba(rgba, Sat4Schema.Width, Sat4Schema.Height, opaque: false);
    }

    /// <summary>PNG bytes of interleaved RGBA pixels (unpremultiplied; <paramref name="opaque"/> marks alpha as 255 everywhere).</summary>
    public static byte[] EncodeRgba(byte[] rgba, int width, int height, bool opaque)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, opaque ? SKAlphaType.Opaque : SKAlphaType.Unpremul);
        if (rgba.Length != info.BytesSize)
        {
            throw new ArgumentException($"{width}x{height} RGBA needs {info.BytesSize} bytes, got {rgba.Length}.", nameof(rgba));
        }
        using var bitmap = new SKBitmap(info);
        Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("PNG encoding failed.");
        return data.ToArray();
    }

    /// <summary>Checks that <paramref name="file"/> is a 28x28 PNG without decoding its pixels.</summary>
    public static void CheckIsPatch(string file)
    {
        using var stream = File.OpenRead(file);
        using var codec = OpenPatch(file, stream);
    }

    /// <summary>Decodes a 28x28 PNG into CHW bytes; errors name the file.</summary>
    public static void Decode(string file, Span<byte> chw)
    {
        using var stream = File.OpenRead(file);
        using var codec = OpenPatch(file, stream);
        var rgba = new byte[Sat4Schema.PixelCount];
        var handle = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        try
        {
            var result = codec.GetPixels(_info, handle.AddrOfPinnedObject());
            if (result != SKCodecResult.Success)
            {
                throw DataErrors.Invalid(file, "image", $"PNG decoding failed ({result})");
            }
        }
        finally
        {
            handle.Free();
        }
        Sat4Layouts.HwcToChw(rgba, chw);
    }

    private static SKCodec OpenPatch(string file, Stream stream)
    {
        var codec = SKCodec.Create(stream) ?? throw DataErrors.Invalid(file, "image", "not a readable image (corrupt or not a PNG)");
        try
        {
            if (codec.EncodedFormat != SKEncodedImageFormat.Png)
            {
                throw DataErrors.Invalid(file, "image", $"{codec.EncodedFormat} image, expected PNG");
            }
            if (codec.Info.Width != Sat4Schema.Width || codec.Info.Height != Sat4Schema.Height)
            {
                throw DataErrors.Invalid(file, "image", $"{codec.Info.Width}x{codec.Info.Height} pixels, expected {Sat4Schema.Width}x{Sat4Schema.Height}");
            }
            return codec;
        }
        catch
        {
            codec.Dispose();
            throw;
        }
    }
}
