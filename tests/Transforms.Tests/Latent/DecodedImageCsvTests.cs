using QGan.MLNet.Transforms.Latent;

namespace QGan.MLNet.Transforms.Tests.Latent;

public sealed class DecodedImageCsvTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qgan-decoded-csv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

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
