using QGan.MLNet.Transforms.Evaluation;

namespace QGan.MLNet.Transforms.Tests.Evaluation;

public sealed class ChannelsLastImageTests
{
    [Fact]
    public void Kaggle_row_major_channels_last_maps_to_chw_index_c_hw_plus_row_w_plus_col()
    {
        // 2 x 3 image, 4 channels; value of (row, col, channel) = 100 c + 10 row + col.
        var hwc = new byte[24];
        for (var row = 0; row < 2; row++)
        {
            for (var col = 0; col < 3; col++)
            {
                for (var c = 0; c < 4; c++)
                {
                    hwc[(row * 3 + col) * 4 + c] = (byte)(50 * c + 10 * row + col);
                }
            }
        }
        var chw = new float[24];

        ChannelsLastImage.ToChw(hwc, 4, chw);

        for (var c = 0; c < 4; c++)
        {
            for (var row = 0; row < 2; row++)
            {
                for (var col = 0; col < 3; col++)
                {
                    Assert.Equal((50 * c + 10 * row + col) / 255f, chw[c * 6 + row * 3 + col]);
                }
            }
        }
    }

    [Theory]
    [InlineData(3136, 4, 28)]
    [InlineData(24, 4, -1)]
    [InlineData(3135, 4, -1)]
    [InlineData(4, 4, 1)]
    public void Square_side_is_found_or_rejected(int values, int channels, int side)
    {
        Assert.Equal(side, ChannelsLastImage.SquareSide(values, channels));
    }
}
