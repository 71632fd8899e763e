using System.Runtime.InteropServices;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Data.Png;
using SkiaSharp;

namespace QGan.MLNet.Serving.Images;

/// <summary>
/// Reads an uploaded patch: a 28x28 PNG with R, G, B in the colour channels and NIR in alpha (the data layer's PNG
/// convention), decoded UNPREMULTIPLIED so every band survives, including pixels whose NIR is 0. Only 8-bit RGBA PNGs
/// are patches (<see cref="PngPatchCodec.ColourLayoutProblem"/>): an RGB, grayscale or palette upload is refused
/// rather than given an invented NIR band.
/// </summary>
internal static class PngPatchReader
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Returns the CHW image with values in [0,1]; throws <see cref="RequestException"/> for anything else.</summary>
    public static float[] Read(byte[] png)
    {
        if (png.Length < Signature.Length || !png.AsSpan(0, Signature.Length).SequenceEqual(Signature))
        {
            throw new RequestException("the body is not a PNG image (bad signature)");
        }
        if (PngPatchCodec.ColourLayoutProblem(png) is { } problem)
        {
            throw new RequestException($"the PNG image: {problem}");
        }
        using var data = SKData.CreateCopy(png);
        using var codec = SKCodec.Create(data) ?? throw new RequestException("the PNG image cannot be decoded (corrupt)");
        if (codec.Info.Width != Sat4Schema.Width || codec.Info.Height != Sat4Schema.Height)
        {
            throw new RequestException($"the PNG image is {codec.Info.Width}x{codec.Info.Height} pixels, expected {Sat4Schema.Width}x{Sat4Schema.Height}");
        }
        var info = new SKImageInfo(Sat4Schema.Width, Sat4Schema.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var rgba = new byte[Sat4Schema.PixelCount];
        var handle = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        try
        {
            var result = codec.GetPixels(info, handle.AddrOfPinnedObject());
            if (result != SKCodecResult.Success)
            {
                throw new RequestException($"the PNG image cannot be decoded ({result})");
            }
        }
        finally
        {
            handle.Free();
        }
        var chw = new byte[Sat4Schema.PixelCount];
        Sat4Layouts.HwcToChw(rgba, chw);
        var image = new float[chw.Length];
        PixelScaling.ToUnitFloats(chw, image);
        return image;
    }
}
