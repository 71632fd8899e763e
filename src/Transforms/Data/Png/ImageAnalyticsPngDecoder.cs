using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace QGan.MLNet.Transforms.Data.Png;

/// <summary>
/// Decodes patch PNGs with the stock ML.NET image pipeline: <c>LoadImages</c> then <c>ExtractPixels</c> (all four
/// colour planes as bytes, alpha = NIR). ML.NET decodes through SkiaSharp's <c>SKBitmap.Decode</c>, which turns
/// unpremultiplied PNG pixels into premultiplied ones; no option of <c>LoadImages</c> changes that, so RGB comes out
/// multiplied by NIR/255 (see <see cref="PngDecoding.ImageAnalytics"/>). Use <see cref="PngDecoding.Exact"/> for data.
/// </summary>
internal static class ImageAnalyticsPngDecoder
{
    private sealed class ImagePath
    {
        public string Path { get; set; } = "";
    }

    public static void Decode(IReadOnlyList<string> files, byte[] pixels)
    {
        CheckSkiaSharp(typeof(SkiaSharp.SKBitmap).Assembly.GetName().Version);
        // The pipeline would silently resize other sizes; reject them first, as the exact decoder does.
        foreach (var file in files)
        {
            PngPatchCodec.CheckIsPatch(file);
        }
        var ml = new MLContext(seed: 0);
        var input = ml.Data.LoadFromEnumerable(files.Select(f => new ImagePath { Path = Path.GetFullPath(f) }));
        var pipeline = ml.Transforms.LoadImages("ImageObject", imageFolder: null, inputColumnName: nameof(ImagePath.Path))
            // ExtractPixels needs a known image size; resizing 28x28 to 28x28 leaves the pixels as decoded.
            .Append(ml.Transforms.ResizeImages("ImageObject", Sat4Schema.Width, Sat4Schema.Height, "ImageObject"))
            .Append(ml.Transforms.ExtractPixels("Pixels", "ImageObject",
                colorsToExtract: ImagePixelExtractingEstimator.ColorBits.All,
                orderOfExtraction: ImagePixelExtractingEstimator.ColorsOrder.ARGB,
                interleavePixelColors: false,
                outputAsFloatArray: false));
        var output = pipeline.Fit(input).Transform(input);

        using var cursor = output.GetRowCursor([output.Schema["Pixels"]]);
        var getter = cursor.GetGetter<VBuffer<byte>>(output.Schema["Pixels"]);
        var buffer = default(VBuffer<byte>);
        var i = 0;
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            if (buffer.Length != Sat4Schema.PixelCount)
            {
                throw DataErrors.Invalid(files[i], "image", $"{buffer.Length / 4} pixels, expected {Sat4Schema.PlaneSize} (28x28)");
            }
            // Planes come out as A, R, G, B; the store wants R, G, B, NIR(=A).
            var planes = buffer.DenseValues().ToArray();
            var patch = pixels.AsSpan(i * Sat4Schema.PixelCount, Sat4Schema.PixelCount);
            planes.AsSpan(Sat4Schema.PlaneSize, 3 * Sat4Schema.PlaneSize).CopyTo(patch);
            planes.AsSpan(0, Sat4Schema.PlaneSize).CopyTo(patch[(3 * Sat4Schema.PlaneSize)..]);
            i++;
        }
    }

    /// <summary>
    /// ML.NET ImageAnalytics 5.0 is built against SkiaSharp 2.x. Where SkiaSharp 3 wins version resolution (an app
    /// that also uses ScottPlot 5.1, such as the qgan CLI), its pixel extraction calls a method SkiaSharp 3 no longer
    /// has and fails with a MissingMethodException deep inside a cursor; this says so up front instead.
    /// </summary>
    internal static void CheckSkiaSharp(Version? loaded)
    {
        if (loaded is { Major: >= 3 })
        {
            throw new NotSupportedException(
                $"PNG decoding through ML.NET ImageAnalytics needs SkiaSharp 2.x, but this process loaded SkiaSharp {loaded} " +
                "(ImageAnalytics 5.0 calls SKBitmap.GetPixelSpan, which SkiaSharp 3 changed). Use PngDecoding.Exact, the default.");
        }
    }
}
