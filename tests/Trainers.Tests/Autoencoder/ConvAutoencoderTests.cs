using QGan.MLNet.Trainers.Autoencoder;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Tests.Autoencoder;

public sealed class ConvAutoencoderTests
{
    // Counted by hand from the layer list (weights + biases + BatchNorm affine parameters):
    // default encoder 4,160 + 131,200 + 256 + 6,423,552 + 2,048 + 24,600; decoder 25,600 + 2,048 + 6,428,800
    // + 12,544 + 131,136 + 128 + 4,100. Compact: encoder 439,928, decoder 449,188.
    [Theory]
    [InlineData("default", 13_190_172)]
    [InlineData("compact", 889_116)]
    public void Parameter_count_matches_the_layer_arithmetic(string shape, long expected)
    {
        using var model = new ConvAutoencoder(shape == "default" ? AutoencoderArchitecture.Default : AutoencoderArchitecture.Compact);
        Assert.Equal(expected, model.ParameterCount);
    }

    [Fact]
    public void Encoder_and_decoder_map_between_image_and_bounded_latent()
    {
        manual_seed(2);
        using var model = new ConvAutoencoder(AutoencoderArchitecture.Compact);
        model.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var images = rand(3, 4, 28, 28);

        var latent = model.Encoder.forward(images);
        var reconstruction = model.Decoder.forward(latent);

        Assert.Equal([3L, 24], latent.shape);
        Assert.Equal([3L, 4, 28, 28], reconstruction.shape);
        Assert.True(latent.abs().max().item<float>() < 1f);
        Assert.True(reconstruction.min().item<float>() > 0f && reconstruction.max().item<float>() < 1f);
    }

    [Fact]
    public void Reset_parameters_depends_only_on_its_generator_and_follows_the_pytorch_bounds()
    {
        manual_seed(1);
        using var a = new ConvAutoencoder(AutoencoderArchitecture.Compact);
        manual_seed(2);
        using var b = new ConvAutoencoder(AutoencoderArchitecture.Compact);
        using (var g = new Generator(9))
        {
            a.ResetParameters(g);
        }
        using (var g = new Generator(9))
        {
            b.ResetParameters(g);
        }

        Assert.Equal(TestImages.Weights(a), TestImages.Weights(b));
        // conv1: fan_in = 4 * 4 * 4 = 64, so U(-1/8, 1/8) with standard deviation (1/8)/sqrt(3).
        using var w = a.Encoder.named_parameters().Single(p => p.name == "conv1.weight").parameter.detach();
        Assert.True(w.abs().max().item<float>() <= 0.125f);
        Assert.Equal(0.125 / Math.Sqrt(3), w.std().item<float>(), 2);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(0)]
    public void Image_size_must_be_a_positive_multiple_of_four(int size) =>
        Assert.Throws<ArgumentException>(() => new ConvAutoencoder(AutoencoderArchitecture.Compact with { ImageSize = size }));
}
