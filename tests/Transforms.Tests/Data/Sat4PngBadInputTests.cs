using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Data.Png;
using QGan.MLNet.Transforms.Data.Synthetic;

namespace QGan.MLNet.Transforms.Tests.Data;

public sealed class Sat4PngBadInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public Sat4PngBadInputTests() => Sat4PngFolderWriter.WriteSplit(Sat4SyntheticGenerator.Generate(12, seed: 1), Root);

    private string Root => _dir.File("patches");

    public void Dispose() => _dir.Dispose();

    private static InvalidDataException Fails(string dir) =>
        Assert.Throws<InvalidDataException>(() => Sat4PngFolderReader.Read(dir));

    [Fact]
    public void Image_that_is_not_28x28_is_reported_by_file()
    {
        var file = Path.Combine(Root, "trees", "999999.png");
        File.WriteAllBytes(file, PngPatchCodec.EncodeRgba(new byte[32 * 32 * 4], 32, 32, opaque: false));

        Assert.Equal($"{file}: image: 32x32 pixels, expected 28x28", Fails(Root).Message);
    }

    [Fact]
    public void Image_analytics_decoding_also_rejects_other_sizes_instead_of_resizing()
    {
        var file = Path.Combine(Root, "none", "999999.png");
        File.WriteAllBytes(file, PngPatchCodec.EncodeRgba(new byte[28 * 30 * 4], 28, 30, opaque: false));

        var ex = Assert.Throws<InvalidDataException>(() => Sat4PngFolderReader.Read(Root, PngDecoding.ImageAnalytics));

        Assert.Equal($"{file}: image: 28x30 pixels, expected 28x28", ex.Message);
    }

    [Theory]
    [InlineData(8, 2, "8-bit RGB PNG")]
    [InlineData(8, 0, "8-bit grayscale PNG")]
    [InlineData(8, 3, "8-bit palette PNG")]
    [InlineData(8, 4, "8-bit grayscale+alpha PNG")]
    [InlineData(16, 6, "16-bit RGBA PNG")]
    [InlineData(16, 2, "16-bit RGB PNG")]
    public void Png_other_than_8_bit_rgba_is_refused_by_file_in_both_decoders(byte bitDepth, byte colourType, string described)
    {
        var file = Path.Combine(Root, "trees", "999999.png");
        File.WriteAllBytes(file, PngBytes.Build(28, 28, bitDepth, colourType));

        var exact = Fails(Root);
        var analytics = Assert.Throws<InvalidDataException>(() => Sat4PngFolderReader.Read(Root, PngDecoding.ImageAnalytics));

        Assert.StartsWith($"{file}: image: {described}, expected 8-bit RGBA", exact.Message);
        Assert.Equal(exact.Message, analytics.Message);
    }

    [Fact]
    public void A_hand_built_8_bit_rgba_png_is_read_so_the_refusals_are_about_the_colour_type()
    {
        var file = Path.Combine(Root, "trees", "999999.png");
        File.WriteAllBytes(file, PngBytes.Build(28, 28, 8, 6, fill: 77));

        var data = Sat4PngFolderReader.Read(Root);

        var patch = data.Splits[0].Pixels.AsSpan(12 * Sat4Schema.PixelCount, Sat4Schema.PixelCount).ToArray();
        Assert.All(patch, v => Assert.Equal(77, v));
    }

    [Fact]
    public void Unknown_class_folder_is_reported()
    {
        var forest = Path.Combine(Root, "forest");
        Directory.CreateDirectory(forest);

        Assert.Equal($"{forest}: folder: unknown class folder (expected barren_land, trees, grassland, none)", Fails(Root).Message);
    }

    [Fact]
    public void Corrupt_png_is_reported_by_file()
    {
        var file = Path.Combine(Root, "grassland", "000100.png");
        File.WriteAllBytes(file, [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3, 4, 5, 6]);

        Assert.StartsWith($"{file}: image: ", Fails(Root).Message);
    }

    [Fact]
    public void Non_png_file_in_a_class_folder_is_reported()
    {
        var file = Path.Combine(Root, "barren_land", "notes.txt");
        File.WriteAllText(file, "hello");

        Assert.Equal($"{file}: file: not a .png file (class folders hold only patch PNGs)", Fails(Root).Message);
    }

    [Fact]
    public void Folder_without_class_or_split_folders_is_reported()
    {
        var empty = _dir.File("empty");
        Directory.CreateDirectory(Path.Combine(empty, "misc"));

        Assert.StartsWith($"{empty}: folder: no class folders", Fails(empty).Message);
    }

    [Fact]
    public void Unknown_folder_beside_split_folders_is_reported()
    {
        var root = _dir.File("sets");
        Sat4PngFolderWriter.Write(new Sat4DataSet([Sat4SyntheticGenerator.Generate(4, 2)], null, "s"), root);
        Directory.CreateDirectory(Path.Combine(root, "validation"));

        Assert.StartsWith($"{Path.Combine(root, "validation")}: folder: unknown split folder", Fails(root).Message);
    }
}
