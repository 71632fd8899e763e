using QGan.MLNet.Tests.Shared.Data;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Data.Mat;
using QGan.MLNet.Transforms.Data.Png;

namespace QGan.MLNet.Transforms.Tests.Data;

public sealed class Sat4PngTests
{
    /// <summary>84 patches whose pixels cover every (colour, alpha) pair 0..255 x 0..255 once per band.</summary>
    private static Sat4Split AllColourAlphaPairs()
    {
        const int patches = 84;
        var pixels = new byte[patches * Sat4Schema.PixelCount];
        for (var q = 0; q < patches * Sat4Schema.PlaneSize; q++)
        {
            var (patch, p) = Math.DivRem(q, Sat4Schema.PlaneSize);
            var chw = pixels.AsSpan(patch * Sat4Schema.PixelCount, Sat4Schema.PixelCount);
            var pair = q % 65536;
            chw[p] = (byte)(pair % 256);
            chw[Sat4Schema.PlaneSize + p] = (byte)(255 - pair % 256);
            chw[2 * Sat4Schema.PlaneSize + p] = (byte)(pair * 7 % 256);
            chw[3 * Sat4Schema.PlaneSize + p] = (byte)(pair / 256);
        }
        return new Sat4Split("train", pixels, Enumerable.Range(0, patches).Select(i => i % 4).ToArray());
    }

    [Fact]
    public void Codec_round_trips_every_band_exactly_including_alpha_0_and_255()
    {
        var split = AllColourAlphaPairs();
        var back = new byte[Sat4Schema.PixelCount];
        using var dir = new TempDir();
        for (var i = 0; i < split.Count; i++)
        {
            var file = dir.File($"{i}.png");
            File.WriteAllBytes(file, PngPatchCodec.Encode(split.GetPatch(i)));

            PngPatchCodec.Decode(file, back);

            Assert.True(split.GetPatch(i).SequenceEqual(back), $"patch {i} changed in the PNG round trip");
        }
        // The data really contains the hard cases: NIR (alpha) 0 with non-zero RGB, and alpha 255.
        Assert.Contains(Enumerable.Range(0, Sat4Schema.PlaneSize), p => split.GetPixel(0, p / 28, p % 28, 3) == 0 && split.GetPixel(0, p / 28, p % 28, 0) > 0);
        Assert.Contains(Enumerable.Range(0, Sat4Schema.PlaneSize), p => split.GetPixel(83, p / 28, p % 28, 3) == 255);
    }

    [Fact]
    public void Fixture_exported_to_png_folders_reads_back_identical_bytes_and_labels()
    {
        using var dir = new TempDir();
        var fixture = Sat4MatReader.Read(Sat4Expected.MatPath);
        var target = dir.File("export");

        Sat4PngFolderWriter.Write(fixture, target);
        var back = Sat4PngFolderReader.Read(target);

        Sat4Assert.SameContent(fixture, back);
        Assert.True(File.Exists(Path.Combine(target, "train", Sat4PngLayout.PreviewFileName)));
        Assert.Equal(fixture["test"].Labels.Count(l => l == 1), Directory.GetFiles(Path.Combine(target, "test", "trees")).Length);
    }

    [Fact]
    public void A_single_split_folder_is_named_train_unless_its_name_starts_with_test()
    {
        using var dir = new TempDir();
        var split = Sat4MatReader.Read(Sat4Expected.MatPath, "test")["test"];
        Sat4PngFolderWriter.WriteSplit(split, dir.File("test_patches"));
        Sat4PngFolderWriter.WriteSplit(split, dir.File("patches"));

        Assert.Equal("test", Assert.Single(Sat4PngFolderReader.Read(dir.File("test_patches")).Splits).Name);
        var asTrain = Assert.Single(Sat4PngFolderReader.Read(dir.File("patches")).Splits);
        Assert.Equal("train", asTrain.Name);
        Sat4Assert.SameContent(split, new Sat4Split("test", asTrain.Pixels, asTrain.Labels));
    }

    [Fact]
    public void ImageAnalytics_decoding_refuses_SkiaSharp_3_with_a_clear_error_and_accepts_2()
    {
        var ex = Assert.Throws<NotSupportedException>(() => ImageAnalyticsPngDecoder.CheckSkiaSharp(new Version(3, 119, 4, 0)));
        Assert.Contains("SkiaSharp 3.119.4.0", ex.Message);
        Assert.Contains("PngDecoding.Exact", ex.Message);
        ImageAnalyticsPngDecoder.CheckSkiaSharp(new Version(2, 88, 9, 0));
        // This test process resolves SkiaSharp 2.x (no ScottPlot), so the real path below runs.
        ImageAnalyticsPngDecoder.CheckSkiaSharp(typeof(SkiaSharp.SKBitmap).Assembly.GetName().Version);
    }

    [Fact]
    public void ImageAnalytics_decoding_premultiplies_rgb_by_nir_exactly_as_documented()
    {
        using var dir = new TempDir();
        var split = AllColourAlphaPairs();
        Sat4PngFolderWriter.WriteSplit(split, dir.File("pairs"));

        var viaMlNet = Sat4PngFolderReader.Read(dir.File("pairs"), PngDecoding.ImageAnalytics)["train"];

        var mismatches = new List<string>();
        for (var i = 0; i < split.Count; i++)
        {
            var original = split.GetPatch(i);
            var decoded = viaMlNet.GetPatch(i);
            for (var p = 0; p < Sat4Schema.PlaneSize; p++)
            {
                var alpha = original[3 * Sat4Schema.PlaneSize + p];
                Assert.Equal(alpha, decoded[3 * Sat4Schema.PlaneSize + p]); // NIR itself is exact
                for (var c = 0; c < 3; c++)
                {
                    var v = original[c * Sat4Schema.PlaneSize + p];
                    var expected = Premultiply(v, alpha);
                    if (decoded[c * Sat4Schema.PlaneSize + p] != expected && mismatches.Count < 10)
                    {
                        mismatches.Add($"c={v} a={alpha}: got {decoded[c * Sat4Schema.PlaneSize + p]}, formula {expected}");
                    }
                }
            }
        }
        Assert.True(mismatches.Count == 0, string.Join("; ", mismatches));
    }

    /// <summary>round(c * a / 255), halves rounded up: Skia's premultiplication.</summary>
    private static byte Premultiply(int c, int a)
    {
        var prod = c * a + 128;
        return (byte)((prod + (prod >> 8)) >> 8);
    }
}
