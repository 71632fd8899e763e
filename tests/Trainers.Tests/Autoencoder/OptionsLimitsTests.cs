using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Trainers.Features;

namespace QGan.MLNet.Trainers.Tests.Autoencoder;

/// <summary>The autoencoder's and feature network's options refuse impossible sizes (docs/limits.md).</summary>
public sealed class OptionsLimitsTests
{
    [Fact]
    public void Oversized_architectures_and_batches_are_refused_naming_the_option()
    {
        Assert.Contains("HiddenSize must be in 1..65,536", Assert.Throws<ArgumentException>(() => (AutoencoderArchitecture.Compact with { HiddenSize = 16_777_216 }).Validate()).Message);
        Assert.Contains("HiddenSize 65536 with 3,136 flattened features gives more than", Assert.Throws<ArgumentException>(() => (AutoencoderArchitecture.Compact with { HiddenSize = 65_536 }).Validate()).Message);
        Assert.Contains("BatchSize must be in 2..65,536", Assert.Throws<ArgumentException>(() => new AutoencoderTrainingOptions { BatchSize = 2_000_000_000 }.Validate()).Message);
        Assert.Contains("BatchSize must be in 2..65,536", Assert.Throws<ArgumentException>(() => new Sat4FeatureTrainingOptions { BatchSize = 2_000_000_000 }.Validate()).Message);
        AutoencoderArchitecture.Default.Validate();
        AutoencoderArchitecture.Compact.Validate();
    }
}
