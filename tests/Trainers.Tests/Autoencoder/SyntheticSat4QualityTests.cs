using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Data.Synthetic;

namespace QGan.MLNet.Trainers.Tests.Autoencoder;

/// <summary>
/// The paper's point that autoencoder quality decides GAN stability, checked on the synthetic SAT-4 data: a tiny
/// network trained for a few epochs must already reconstruct held-out patches far better than their mean image.
/// </summary>
public sealed class SyntheticSat4QualityTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void Tiny_autoencoder_on_synthetic_sat4_is_well_below_the_mean_image_baseline()
    {
        var split = Sat4SyntheticGenerator.Generate(320, 11);
        var pixels = new float[split.Pixels.Length];
        PixelScaling.ToUnitFloats(split.Pixels, pixels);
        var data = new AutoencoderDataset(pixels, Sat4Schema.Channels, Sat4Schema.Height, Sat4Schema.Width, "synthetic SAT-4");
        var architecture = new AutoencoderArchitecture { ConvChannels1 = 8, ConvChannels2 = 16, HiddenSize = 64 };
        var options = new AutoencoderTrainingOptions
        {
            Epochs = 8, BatchSize = 32, LearningRate = 3e-3, Seed = 1, ValidationFraction = 0.2, EarlyStoppingPatience = 0,
        };

        using var result = new AutoencoderTrainer(architecture, options).Train(data);

        output.WriteLine(FormattableString.Invariant($"validation MSE {result.ValidationMse:G4}, mean-image baseline {result.MeanImageBaselineMse:G4}"));
        Assert.Equal(64, result.ValidationCount);
        Assert.True(result.MeanImageBaselineMse > 0.01, $"baseline {result.MeanImageBaselineMse}");
        Assert.True(result.ValidationMse < 0.5 * result.MeanImageBaselineMse,
            $"validation MSE {result.ValidationMse} vs mean-image baseline {result.MeanImageBaselineMse}");
    }
}
