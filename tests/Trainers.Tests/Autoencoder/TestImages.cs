using QGan.MLNet.Trainers.Autoencoder;

namespace QGan.MLNet.Trainers.Tests.Autoencoder;

/// <summary>
/// Small structured 4x28x28 images for training tests: each is a random mix of a few smooth patterns (gradients and
/// low-frequency waves per band) plus a little noise, so an autoencoder can learn them and the mean image cannot.
/// </summary>
internal static class TestImages
{
    public const int Channels = 4;
    public const int Size = 28;
    public const int Length = Channels * Size * Size;

    public static AutoencoderDataset Create(int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new float[count * Length];
        for (var n = 0; n < count; n++)
        {
            var fx = random.NextDouble() * 2 * Math.PI;
            var fy = random.NextDouble() * 2 * Math.PI;
            var amplitude = 0.1 + 0.3 * random.NextDouble();
            var level = 0.3 + 0.4 * random.NextDouble();
            var tilt = random.NextDouble() - 0.5;
            for (var c = 0; c < Channels; c++)
            {
                var band = 0.8 + 0.1 * c;
                for (var y = 0; y < Size; y++)
                {
                    for (var x = 0; x < Size; x++)
                    {
                        var v = level + tilt * (x - 13.5) / 28 * band
                            + amplitude * Math.Sin(fx + x * 0.35 * band) * Math.Cos(fy + y * 0.3)
                            + 0.01 * (random.NextDouble() - 0.5);
                        pixels[n * Length + c * Size * Size + y * Size + x] = (float)Math.Clamp(v, 0, 1);
                    }
                }
            }
        }
        return new AutoencoderDataset(pixels, Channels, Size, Size, $"test images (seed {seed})");
    }

    public static readonly AutoencoderArchitecture TinyArchitecture = new() { ConvChannels1 = 8, ConvChannels2 = 16, HiddenSize = 32, LatentSize = 8 };

    public static AutoencoderTrainingOptions TinyOptions(int epochs = 3) => new()
    {
        Epochs = epochs,
        BatchSize = 16,
        LearningRate = 3e-3,
        WeightDecay = 1e-4,
        Seed = 5,
        ValidationFraction = 0.2,
        EarlyStoppingPatience = 0,
        Schedule = LearningRateSchedule.Constant,
        RestoreBestWeights = false,
    };

    public static double[][] Weights(ConvAutoencoder model) =>
        model.state_dict().OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value.to_type(TorchSharp.torch.ScalarType.Float64).data<double>().ToArray()).ToArray();
}
