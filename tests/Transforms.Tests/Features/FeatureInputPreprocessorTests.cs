using QGan.MLNet.Transforms.Features;

namespace QGan.MLNet.Transforms.Tests.Features;

public sealed class FeatureInputPreprocessorTests
{
    [Fact]
    public void Selects_replicates_resizes_and_scales_bands_in_order()
    {
        // 3 bands of 2 x 2, band b pixel i = 10 b + i. Select [2, 0, 2], resize to 4 x 4, map [0, 1] -> [-1, 1].
        var image = new float[12];
        for (var b = 0; b < 3; b++)
        {
            for (var i = 0; i < 4; i++)
            {
                image[b * 4 + i] = 10 * b + i;
            }
        }
        var pre = new FeatureInputPreprocessor(3, 2, 2, [2, 0, 2], 4, 4, alignCorners: false, scale: [2f], offset: [-1f]);
        var output = new float[pre.OutputLength];

        pre.Process(image, output);

        Assert.Equal(48, pre.OutputLength);
        // torch bilinear of [[0, 1], [2, 3]] to 4 x 4 (align_corners=False), first row and last row.
        float[] baseRow0 = [0, 0.25f, 0.75f, 1], baseRow3 = [2, 2.25f, 2.75f, 3];
        int[] bands = [2, 0, 2];
        for (var c = 0; c < 3; c++)
        {
            for (var x = 0; x < 4; x++)
            {
                Assert.Equal((10 * bands[c] + baseRow0[x]) * 2 - 1, output[c * 16 + x], 1e-5);
                Assert.Equal((10 * bands[c] + baseRow3[x]) * 2 - 1, output[c * 16 + 12 + x], 1e-5);
            }
        }
    }

    [Fact]
    public void ImageNet_standardisation_is_scale_and_offset_per_channel()
    {
        var options = new OnnxFeatureExtractorOptions { ModelPath = "m.onnx", SourceChannels = 3, SourceHeight = 1, SourceWidth = 1 }
            .WithImageNetStandardization();
        var pre = options.CreatePreprocessor();
        var output = new float[3];

        pre.Process([0.5f, 0.5f, 0.5f], output);

        Assert.Equal((0.5f - 0.485f) / 0.229f, output[0], 1e-6);
        Assert.Equal((0.5f - 0.456f) / 0.224f, output[1], 1e-6);
        Assert.Equal((0.5f - 0.406f) / 0.225f, output[2], 1e-6);
    }

    [Fact]
    public void Bad_configuration_and_image_size_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeatureInputPreprocessor(4, 2, 2, [0, 4], 2, 2, false, [1f], [0f]));
        Assert.Throws<ArgumentException>(() => new FeatureInputPreprocessor(4, 2, 2, [0, 1, 2], 2, 2, false, [1f, 2f], [0f]));
        var pre = new FeatureInputPreprocessor(4, 2, 2, [0], 2, 2, false, [1f], [0f]);
        var ex = Assert.Throws<InvalidDataException>(() => pre.Process(new float[15], new float[4]));
        Assert.Contains("expected 4 x 2 x 2 = 16", ex.Message);
    }
}
