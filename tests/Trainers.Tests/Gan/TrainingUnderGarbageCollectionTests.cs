using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Trainers.Gan.Evaluation;
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

    [Fact]
    public void Metrics_validation_early_stopping_and_checkpoints_under_collections_give_the_quiet_runs_results()
    {
        // The other paths of a sweep run, each many times within the budget: a metrics row every 2 iterations (sampling
        // in eval mode, held-out FID/JSD, validation FID, the best generator captured), a checkpoint every 4 (networks,
        // optimizer states, validation state), and at the end the best generator exported and sampled.
        using var thread = new SingleTorchThread();
        const int metricsInterval = 2;
        var earlyStop = new EarlyStopOptions { Patience = 1_000_000, MinImprovement = 0 };
        GanTrainingOptions[] runs =
        [
            TrainingSetups.Quantum(1_000_000) with { MetricsInterval = metricsInterval, CheckpointInterval = 4, EarlyStop = earlyStop },
            TrainingSetups.Classical(1_000_000) with { MetricsInterval = metricsInterval, CheckpointInterval = 4, EarlyStop = earlyStop },
        ];

        var underPressure = new RunResult[runs.Length];
        long collections;
        using (var pressure = new GarbageCollectionPressure())
        {
            using var budget = new CancellationTokenSource(Budget);
            ParallelThreads.Run(runs.Length, i => underPressure[i] = TrainWithEvaluations(runs[i], budget.Token));
            collections = pressure.Collections;
        }

        Assert.True(collections > 1000, $"only {collections} collections ran");
        for (int i = 0; i < runs.Length; i++)
        {
            var pressured = underPressure[i];
            Assert.True(pressured.Iterations >= 10, $"{runs[i].Generator}: only {pressured.Iterations} iterations ran");
            var quiet = TrainWithEvaluations(runs[i] with { Iterations = pressured.Iterations }, CancellationToken.None);
            Assert.Equal(quiet.Iterations, pressured.Iterations);
            Assert.Equal(quiet.Metrics, pressured.Metrics);
            Assert.Equal(pressured.Iterations / metricsInterval + 2, pressured.Metrics.Length); // rows at 0, 1 and every 2nd iteration
            Assert.Equal(quiet.BestIteration, pressured.BestIteration);
            Assert.Equal(quiet.Weights, pressured.Weights);
            Assert.Equal(quiet.BestGeneratorOutputs, pressured.BestGeneratorOutputs);
        }
    }

    /// <summary>A run's results, metrics rows without their wall-clock column.</summary>
    private sealed record RunResult(int Iterations, TrainingMetrics[] Metrics, int? BestIteration, float[] Weights, float[] BestGeneratorOutputs);

    /// <summary>
    /// Trains in a new run folder with held-out and validation splits until <paramref name="token"/> is cancelled,
    /// stopping only after a metrics row, so that the quiet rerun of as many iterations has the same rows.
    /// </summary>
    private static RunResult TrainWithEvaluations(GanTrainingOptions options, CancellationToken token)
    {
        var directory = TrainingSetups.TempDirectory();
        try
        {
            using var trainer = new WganGpTrainer(options, TrainingSetups.Train, new GanRunLayout(directory),
                heldOut: TrainingSetups.HeldOut, evaluator: new GanQualityEvaluator(), validation: GaussianMixture.Sample(256, TrainingSetups.Width, seed: 3));
            trainer.BeforeIteration = next =>
            {
                if ((next - 1) % options.MetricsInterval == 0)
                {
                    token.ThrowIfCancellationRequested();
                }
            };
            if (token.CanBeCanceled)
            {
                Assert.Throws<OperationCanceledException>(() => trainer.Train());
            }
            else
            {
                trainer.Train();
            }
            using var best = trainer.ExportGenerator();
            var noise = new float[64 * best.NoiseDimension];
            new SeededRandom(11).FillNormal(noise);
            return new RunResult(
                trainer.Iteration, [.. trainer.Metrics.Select(m => m with { ElapsedSeconds = 0 })], trainer.BestIteration,
                Weights(trainer), best.Generate(noise));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
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
