using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Trainers.Tests.Runtime;

namespace QGan.MLNet.Trainers.Tests.Gan;

/// <summary>
/// Reproduction of the random native crashes of long GAN runs ("Unknown scalar type", "INTERNAL ASSERT FAILED at
/// c10/core/Scalar.h" inside Adam's addcdiv_/addcmul_/add_/mul_ and LeakyReLU): TorchSharp's implicit Scalars were
/// finalized during the native calls that read them. Training while other threads allocate and collect garbage
/// must neither throw nor change a single weight.
/// </summary>
[Collection(GarbageCollectionPressure.Collection)]
public sealed class TrainingUnderGarbageCollectionTests
{
    /// <summary>Wall time trained under pressure (the unfixed trainers failed well within it on 2 busy cores).</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(8);

    [Fact]
    public void Quantum_and_classical_training_side_by_side_under_collections_neither_crash_nor_change_a_weight()
    {
        using var thread = new SingleTorchThread();
        var data = TrainingSetups.Train;
        GanTrainingOptions[] runs = [TrainingSetups.Quantum(1_000_000), TrainingSetups.Classical(1_000_000)];

        // Two trainers on two threads, as a sweep's two workers; each allocates while the other is in native code.
        var underPressure = new (int Iterations, float[] Weights)[runs.Length];
        long collections;
        using (var pressure = new GarbageCollectionPressure())
        {
            using var budget = new CancellationTokenSource(Budget);
            ParallelThreads.Run(runs.Length, i => underPressure[i] = TrainUntilCancelled(runs[i], data, budget.Token));
            collections = pressure.Collections;
        }

        Assert.True(collections > 1000, $"only {collections} collections ran");
        for (int i = 0; i < runs.Length; i++)
        {
            var (iterations, weights) = underPressure[i];
            Assert.True(iterations >= 10, $"{runs[i].Generator}: only {iterations} iterations ran");
            using var quiet = new WganGpTrainer(runs[i] with { Iterations = iterations }, data);
            quiet.Train();
            Assert.Equal(Weights(quiet), weights);
        }
    }

    private static (int Iterations, float[] Weights) TrainUntilCancelled(GanTrainingOptions options, LatentDataSet data, CancellationToken token)
    {
        using var trainer = new WganGpTrainer(options, data);
        Assert.Throws<OperationCanceledException>(() => trainer.Train(cancellationToken: token));
        return (trainer.Iteration, Weights(trainer));
    }

    private static float[] Weights(WganGpTrainer trainer) =>
        [.. TrainingSetups.Flatten(trainer.Generator), .. TrainingSetups.Flatten(trainer.Critic)];
}
