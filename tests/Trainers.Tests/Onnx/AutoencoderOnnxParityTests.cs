using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Trainers.Onnx;
using static QGan.MLNet.Trainers.Tests.Onnx.OnnxTestHelpers;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Tests.Onnx;

/// <summary>The exported encoder and decoder compute what TorchSharp computes, to 1e-5, for batch 1 and batch > 1.</summary>
public sealed class AutoencoderOnnxParityTests
{
    private static readonly AutoencoderArchitecture Small = new() { ConvChannels1 = 8, ConvChannels2 = 16, HiddenSize = 32 };

    private static ConvAutoencoder CreateModel()
    {
        manual_seed(7);
        var model = new ConvAutoencoder(Small);
        RandomizeBatchNorms(model, 11);
        return model;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Encoder_matches_torchsharp(int batch)
    {
        using var model = CreateModel();
        var bytes = AutoencoderOnnx.ExportEncoder(model, new Dictionary<string, string>());
        var input = RandomInput(batch * 3136, seed: batch);

        var expected = RunTorch(model.Encoder, input, [batch, 4, 28, 28]);
        var (actual, shape) = RunOnnx(bytes, "image", input, [batch, 4, 28, 28]);

        Assert.Equal([batch, 24], shape);
        Assert.True(MaxAbsDifference(expected, actual) < 1e-5, $"max |diff| = {MaxAbsDifference(expected, actual)}");
        // Not a degenerate comparison: the latents vary.
        Assert.True(expected.Max() - expected.Min() > 0.1f);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Decoder_matches_torchsharp(int batch)
    {
        using var model = CreateModel();
        var bytes = AutoencoderOnnx.ExportDecoder(model, new Dictionary<string, string>());
        var input = RandomInput(batch * 24, seed: 100 + batch, low: -1f, high: 1f);

        var expected = RunTorch(model.Decoder, input, [batch, 24]);
        var (actual, shape) = RunOnnx(bytes, "latent", input, [batch, 24]);

        Assert.Equal([batch, 4, 28, 28], shape);
        Assert.True(MaxAbsDifference(expected, actual) < 1e-5, $"max |diff| = {MaxAbsDifference(expected, actual)}");
        Assert.True(expected.Max() - expected.Min() > 0.1f);
    }

    [Fact]
    public void Export_leaves_a_training_module_in_training_mode_and_its_weights_unchanged()
    {
        using var model = CreateModel();
        model.train();
        var before = model.Encoder.parameters().Select(p => p.data<float>().ToArray()).ToArray();

        AutoencoderOnnx.ExportEncoder(model, new Dictionary<string, string>());

        Assert.True(model.training);
        var after = model.Encoder.parameters().Select(p => p.data<float>().ToArray()).ToArray();
        Assert.Equal(before, after);
    }
}
