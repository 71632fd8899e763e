using Microsoft.ML;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.Data;

namespace QGan.MLNet.Cli.Tests;

/// <summary>
/// A small SAT-4-shaped autoencoder (4x28x28 -&gt; 24 -&gt; 4x28x28, few channels) trained for one epoch on synthetic
/// patches and saved once per test class: enough for the CLI to encode, decode and compute pixel metrics.
/// </summary>
public sealed class TinyAutoencoder : IDisposable
{
    public TinyAutoencoder()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("qgan-cli-ae-").FullName;
        var ml = new MLContext(seed: 1);
        var options = new AutoencoderOptions
        {
            Architecture = new AutoencoderArchitecture { ConvChannels1 = 4, ConvChannels2 = 8, HiddenSize = 16, LatentSize = 24 },
            Training = new AutoencoderTrainingOptions
            {
                Epochs = 1, BatchSize = 16, Seed = 3, ValidationFraction = 0.25, EarlyStoppingPatience = 0,
                Schedule = LearningRateSchedule.Constant, RestoreBestWeights = false,
            },
            DataDescription = "synthetic test patches",
        };
        var transformer = ml.QGan().Trainers.Autoencoder(options).Fit(ml.QGan().Data.Synthetic(32, seed: 9));
        transformer.Save(Directory);
    }

    public string Directory { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
