using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Gan.Quantum;
using QGan.MLNet.Trainers.Gan.Training;
using TorchSharp;

namespace QGan.MLNet.Trainers.Tests.Gan;

/// <summary>The training thread setting reaches libtorch and the quantum simulator, and libtorch's setting is restored.</summary>
public sealed class TrainingThreadsTests
{
    private static GanTrainingOptions Tiny(int threads) => new()
    {
        Generator = GeneratorKind.Quantum, Qubits = 3, Layers = 1, NoiseDimension = 3, CriticHidden = [8], BatchSize = 8, CriticSteps = 1,
        Iterations = 2, Seed = 4, Threads = threads,
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Thread_count_sets_the_simulator_workers_and_libtorch_is_restored_after_training(int threads)
    {
        int before = torch.get_num_threads();
        int seen = -1;
        using var trainer = new WganGpTrainer(Tiny(threads), TrainingSetups.Train) { BeforeIteration = _ => seen = torch.get_num_threads() };

        trainer.Train();

        Assert.Equal(threads, ((SimdStyleBackend)((QuantumGenerator)trainer.Generator).Backend).MaxDegreeOfParallelism);
        Assert.Equal(threads, seen);
        Assert.Equal(before, torch.get_num_threads());
    }

    [Fact]
    public void Zero_means_one_thread_per_core_and_negative_counts_are_rejected()
    {
        using var generator = (QuantumGenerator)GeneratorFactory.Create(Tiny(0), 6);
        Assert.Equal(Environment.ProcessorCount, ((SimdStyleBackend)generator.Backend).MaxDegreeOfParallelism);

        var error = Assert.Throws<ArgumentException>(() => Tiny(-1).Validate());
        Assert.Contains("Threads must be >= 0", error.Message);
        Assert.Equal(Tiny(1).ConfigHash(), Tiny(2).ConfigHash());   // a run may resume with another thread count
    }

    [Fact]
    public void Quantum_training_gives_the_same_weights_with_one_and_two_threads()
    {
        float[] Train(int threads)
        {
            using var trainer = new WganGpTrainer(Tiny(threads), TrainingSetups.Train);
            trainer.Train();
            using var generator = trainer.ExportGenerator();
            return generator.Generate(new float[] { 0.1f, -0.2f, 0.3f, 1f, 0.5f, -1f });
        }

        Assert.Equal(Train(1), Train(2));
    }
}
