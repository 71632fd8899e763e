using QGan.MLNet.Transforms.Latent;

namespace QGan.MLNet.Transforms.Tests.Latent;

public sealed class LatentCsvTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qgan-latent-csv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Latents_round_trip_bit_for_bit()
    {
        var path = Path.Combine(_dir, "latents.csv");
        float[][] rows = [[0.1f, -1f / 3f, float.Epsilon], [1e-30f, -0.99999994f, 0.5f]];

        LatentCsv.Write(path, rows);

        Assert.Equal(rows, LatentCsv.Read(path, 3));
        Assert.DoesNotContain("\r", File.ReadAllText(path));
    }

    [Theory]
    [InlineData("1,2,3\n4,x,6\n", "row 2, column 2: 'x' is not a finite number")]
    [InlineData("1,2,3\n4,5\n", "row 2: has 2 values but the decoder expects 3")]
    [InlineData("1,2,Infinity\n", "row 1, column 3")]
    [InlineData("1,2,3\n\n4,5,6\n", "row 2: empty line")]
    [InlineData("", "no latent rows")]
    public void Bad_rows_are_reported_with_file_row_and_column(string content, string expected)
    {
        var path = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(path, content);

        var ex = Assert.Throws<InvalidDataException>(() => LatentCsv.Read(path, 3));

        Assert.StartsWith(path, ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Decoded_images_are_written_channels_last_as_bytes_or_floats()
    {
        // One 2-channel 1x2 image in CHW: channel 0 = [0, 1], channel 1 = [0.5, 0.2].
        float[] chw = [0f, 1f, 0.5f, 0.2f];
        var bytes = Path.Combine(_dir, "b.csv");
        var floats = Path.Combine(_dir, "f.csv");

        DecodedImageCsv.Write(bytes, [chw], channels: 2, height: 1, width: 2, PixelFormat.Byte);
        DecodedImageCsv.Write(floats, [chw], channels: 2, height: 1, width: 2, PixelFormat.UnitFloat);

        // HWC: pixel 0 = (0, 0.5), pixel 1 = (1, 0.2); 0.5*255 = 127.5 rounds to 128, 0.2*255 = 51.
        Assert.Equal("0,128,255,51\n", File.ReadAllText(bytes));
        Assert.Equal("0,0.5,1,0.2\n", File.ReadAllText(floats));
    }

    [Theory]
    [InlineData(-0.1f, 0)]
    [InlineData(0f, 0)]
    [InlineData(0.5f / 255f, 1)]
    [InlineData(1f, 255)]
    [InlineData(1.5f, 255)]
    public void Pixel_bytes_are_rounded_and_clamped(float value, int expected) =>
        Assert.Equal(expected, DecodedImageCsv.ToByte(value));
}
