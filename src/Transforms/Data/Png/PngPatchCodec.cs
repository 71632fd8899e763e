using System.Runtime.InteropServices;
using SkiaSharp;

namespace QGan.MLNet.Transforms.Data.Png;

/// <summary>
/// Encodes and decodes one patch as a 28x28 RGBA PNG with NIR in the alpha channel, exactly: pixels are written and
/// read as UNPREMULTIPLIED RGBA through SkiaSharp (the imaging library ML.NET ImageAnalytics uses), so all four bands
/// round-trip bit-exactly, including pixels with NIR (alpha) 0 whose RGB a premultiplying decoder would erase.
/// Only 8-bit RGBA PNGs are patches: an RGB, grayscale, palette or 16-bit PNG has no NIR band (a decoder would
/// invent NIR = 255) or other values, so it is refused naming the file.
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
        CheckEightBitRgba(file, stream);
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

    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// Reads the IHDR chunk (it follows the signature: length, "IHDR", width, height, bit depth, colour type) and
    /// refuses anything but bit depth 8 with colour type 6 (RGBA). Leaves the stream at its start; files that are not
    /// PNGs at all are left to the decoder, which names their format.
    /// </summary>
    private static void CheckEightBitRgba(string file, Stream stream)
    {
        Span<byte> header = stackalloc byte[26];
        int read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        if (read < header.Length || !header[..8].SequenceEqual(Signature) || !header[12..16].SequenceEqual("IHDR"u8))
        {
            return;
        }
        byte bitDepth = header[24], colourType = header[25];
        if (bitDepth != 8 || colourType != 6)
        {
            throw DataErrors.Invalid(file, "image",
                $"{bitDepth}-bit {ColourTypeName(colourType)} PNG, expected 8-bit RGBA (R, G, B = bands 1-3, alpha = NIR); " +
                "convert it to 8-bit RGBA with the NIR band in the alpha channel");
        }
    }

    private static string ColourTypeName(byte colourType) => colourType switch
    {
        0 => "grayscale",
        2 => "RGB",
        3 => "palette",
        4 => "grayscale+alpha",
        6 => "RGBA",
        _ => $"colour-type-{colourType}",
    };
}
