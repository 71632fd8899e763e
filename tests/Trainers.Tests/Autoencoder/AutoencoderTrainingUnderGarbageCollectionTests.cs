using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Trainers.Tests.Runtime;

namespace QGan.MLNet.Trainers.Tests.Autoencoder;

/// <summary>
/// The autoencoder loop (AdamW, BatchNorm in training mode) under the garbage-collection pressure that made
/// TorchSharp's implicit Scalars crash the GAN runs: no exception and the same weights as a quiet run.
/// </summary>
[Collection(GarbageCollectionPressure.Collection)]
public sealed class AutoencoderTrainingUnderGarbageCollectionTests
{
    /// <summary>Wall time of repeated training under pressure.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(8);

    [Fact]
    public void Training_under_collections_neither_crashes_nor_changes_a_weight()
    {
        using var thread = new SingleTorchThread();
        var data = TestImages.Create(40, seed: 4);
        var trainer = new AutoencoderTrainer(TestImages.TinyArchitecture, TestImages.TinyOptions(epochs: 3));
        // The quiet run first: it is the reference, and it lets the JIT optimise TorchSharp's methods, whose
        // unoptimised code keeps temporaries alive to the end of the method and so cannot show the bug.
        using var quiet = trainer.Train(data);
        var expected = TestImages.Weights(quiet.Model);

        int runs = 0;
        long collections;
        using (var pressure = new GarbageCollectionPressure())
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            do
            {
                using var result = trainer.Train(data);
                Assert.Equal(expected, TestImages.Weights(result.Model));
                runs++;
            }
            while (clock.Elapsed < Budget);
            collections = pressure.Collections;
        }

        Assert.True(collections > 100, $"only {collections} collections ran");
        Assert.True(runs >= 2, $"only {runs} runs");
    }
}
