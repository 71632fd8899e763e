using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Trainers.Production;
using QGan.MLNet.Trainers.Tests.Gan;
using QGan.MLNet.Trainers.Tests.Runtime;

namespace QGan.MLNet.Trainers.Tests.Production;

/// <summary>
/// The scoring service's TorchSharp paths (a classical generator and the critic, LeakyReLU in both) called from
/// two threads under garbage-collection pressure: every answer equals the quiet one.
/// </summary>
[Collection(GarbageCollectionPressure.Collection)]
public sealed class InferenceUnderGarbageCollectionTests : IDisposable
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    private readonly string _directory = TrainingSetups.TempDirectory();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Generator_and_critic_scorer_answer_exactly_under_collections_from_two_threads()
    {
        using var thread = new SingleTorchThread();
        var layout = new GanRunLayout(_directory);
        using (var trainer = new WganGpTrainer(TrainingSetups.Classical(4) with { CheckpointInterval = 4 }, TrainingSetups.Train, layout))
        {
            trainer.Train();
            using var trained = trainer.ExportGenerator();
            trained.Save(layout.GeneratorDirectory);
        }
        float[] noise, latents, scores;
        using (var generator = TrainedGenerator.Load(layout.GeneratorDirectory))
        using (var critic = CriticScorer.TryLoad(layout.CheckpointPath, generator.Manifest)!)
        {
            noise = Enumerable.Range(0, 8 * generator.NoiseDimension).Select(i => MathF.Sin(i * 0.37f)).ToArray();
            latents = generator.Generate(noise);
            scores = critic.Score(latents);
            // Quiet calls first, so the JIT optimises TorchSharp's methods (unoptimised code keeps temporaries alive
            // to the end of the method and so cannot show the bug).
            for (int i = 0; i < 500; i++)
            {
                Assert.Equal(scores, critic.Score(generator.Generate(noise)));
            }
        }

        long calls = 0, collections;
        using (var pressure = new GarbageCollectionPressure())
        {
            // Each thread serves with its own loaded generator and critic, as two scoring processes would.
            ParallelThreads.Run(2, _ =>
            {
                using var generator = TrainedGenerator.Load(layout.GeneratorDirectory);
                using var critic = CriticScorer.TryLoad(layout.CheckpointPath, generator.Manifest)!;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (clock.Elapsed < Budget)
                {
                    Assert.Equal(latents, generator.Generate(noise));
                    Assert.Equal(scores, critic.Score(latents));
                    Interlocked.Increment(ref calls);
                }
            });
            collections = pressure.Collections;
        }

        Assert.True(collections > 100, $"only {collections} collections ran");
        Assert.True(calls > 100, $"only {calls} calls ran");
    }
}
