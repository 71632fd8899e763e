using QGan.MLNet.Trainers.Features;
using QGan.MLNet.Trainers.Tests.Runtime;
using QGan.MLNet.Transforms.Data.Synthetic;

namespace QGan.MLNet.Trainers.Tests.Features;

/// <summary>
/// The feature-network loop (AdamW, BatchNorm in training mode) under the garbage-collection pressure that made
/// TorchSharp's implicit Scalars crash the GAN runs: no exception and the same model as a quiet run.
/// </summary>
[Collection(GarbageCollectionPressure.Collection)]
public sealed class FeatureTrainingUnderGarbageCollectionTests
{
    /// <summary>Wall time of repeated training under pressure.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(6);

    [Fact]
    public void Training_under_collections_neither_crashes_nor_changes_the_model()
    {
        var data = Sat4SyntheticGenerator.Generate(64, 9UL);
        var trainer = new Sat4FeatureTrainer(new Sat4FeatureTrainingOptions { Epochs = 2, BatchSize = 16, Seed = 3, ValidationFraction = 0.25 });
        var metadata = new Dictionary<string, string>();
        // The quiet run first: it is the reference, and it lets the JIT optimise TorchSharp's methods, whose
        // unoptimised code keeps temporaries alive to the end of the method and so cannot show the bug.
        byte[] expected;
        using (var quiet = trainer.Train(data).Model)
        {
            expected = Sat4FeatureOnnx.Export(quiet, metadata);
        }

        int runs = 0;
        long collections;
        using (var pressure = new GarbageCollectionPressure())
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            do
            {
                using var model = trainer.Train(data).Model;
                Assert.Equal(expected, Sat4FeatureOnnx.Export(model, metadata));
                runs++;
            }
            while (clock.Elapsed < Budget);
            collections = pressure.Collections;
        }

        Assert.True(collections > 100, $"only {collections} collections ran");
        Assert.True(runs >= 2, $"only {runs} runs");
    }
}
