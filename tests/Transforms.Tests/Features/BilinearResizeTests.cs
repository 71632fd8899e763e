using QGan.MLNet.Transforms.Features;

namespace QGan.MLNet.Transforms.Tests.Features;

public sealed class BilinearResizeTests
{
    [Fact]
    public void Upsampling_2x2_to_4x4_matches_torch_align_corners_false()
    {
        // torch.nn.functional.interpolate(x, size=4, mode="bilinear", align_corners=False), x = [[0, 1], [2, 3]]:
        // source coordinates (o + 0.5) / 2 - 0.5, clamped at 0 -> 0, 0.25, 0.75, 1.25 (-> clamped to the last pixel).
        float[] expected =
        [
            0.0f, 0.25f, 0.75f, 1.0f,
            0.5f, 0.75f, 1.25f, 1.5f,
            1.5f, 1.75f, 2.25f, 2.5f,
            2.0f, 2.25f, 2.75f, 3.0f,
        ];

        var actual = Resize([0, 1, 2, 3], 2, 2, 4, 4, alignCorners: false);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Upsampling_2x2_to_4x4_with_align_corners_true_keeps_the_corners()
    {
        // source coordinates o / 3: 0, 1/3, 2/3, 1.
        var actual = Resize([0, 1, 2, 3], 2, 2, 4, 4, alignCorners: true);

        for (var y = 0; y < 4; y++)
        {
            for (var x = 0; x < 4; x++)
            {
                Assert.Equal(2 * y / 3.0 + x / 3.0, actual[y * 4 + x], 1e-6);
            }
        }
    }

    [Fact]
    public void Halving_averages_each_2x2_block_without_align_corners()
    {
        // x[r][c] = 4r + c; source coordinates 0.5 and 2.5 -> means of 2 x 2 blocks.
        var image = Enumerable.Range(0, 16).Select(i => (float)i).ToArray();

        var actual = Resize(image, 4, 4, 2, 2, alignCorners: false);

        Assert.Equal(new[] { 2.5f, 4.5f, 10.5f, 12.5f }, actual);
    }

    [Fact]
    public void Non_integer_ratio_uses_the_documented_source_coordinates()
    {
        // 3 -> 5 columns, align_corners=False: s = max(0, (o + 0.5) * 3 / 5 - 0.5) = 0, 0.4, 1.0, 1.6, 2.2.
        Assert.Equal(0.0, BilinearResize.SourceCoordinate(0, 3, 5, false), 1e-15);
        Assert.Equal(0.4, BilinearResize.SourceCoordinate(1, 3, 5, false), 1e-15);
        Assert.Equal(1.6, BilinearResize.SourceCoordinate(3, 3, 5, false), 1e-15);
        var actual = Resize([10, 20, 40], 1, 3, 1, 5, alignCorners: false);
        Assert.Equal(new[] { 10f, 14f, 20f, 32f, 40f }, actual);
    }

    [Fact]
    public void Same_size_is_the_identity()
    {
        var image = Enumerable.Range(0, 12).Select(i => i * 0.5f).ToArray();

        Assert.Equal(image, Resize(image, 3, 4, 3, 4, alignCorners: false));
        Assert.Equal(image, Resize(image, 3, 4, 3, 4, alignCorners: true));
    }

    private static float[] Resize(float[] image, int h, int w, int oh, int ow, bool alignCorners)
    {
        var output = new float[oh * ow];
        new BilinearResize(h, w, oh, ow, alignCorners).ResizePlane(image, output);
        return output;
    }
}
