using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Trainers.Tests.Gan;

/// <summary>Tiny run configurations shared by the trainer tests (3 qubits x (Z, X) = 6-d latents; runs take about a second).</summary>
internal static class TrainingSetups
{
    public const int Width = 6;

    public static GanTrainingOptions Quantum(int iterations) => new()
    {
        Generator = GeneratorKind.Quantum,
        Qubits = 3,
        Layers = 2,
        NoiseDimension = 3,
        CriticHidden = [32, 32],
        BatchSize = 32,
        CriticSteps = 3,
        Iterations = iterations,
        GeneratorLearningRate = 5e-3,
        CriticLearningRate = 2e-3,
        MetricsInterval = 50,
        CheckpointInterval = 50,
        Seed = 7,
    };

    public static GanTrainingOptions Classical(int iterations) => Quantum(iterations) with
    {
        Generator = GeneratorKind.Classical,
        GeneratorHidden = [16],
        GeneratorLearningRate = 2e-3,
    };

    public static LatentDataSet Train => GaussianMixture.Sample(512, Width, seed: 1);

    public static LatentDataSet HeldOut => GaussianMixture.Sample(256, Width, seed: 2);

    public static string TempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "qgan-gan-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static float[] Flatten(TorchSharp.torch.nn.Module module)
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        return module.parameters().SelectMany(p => p.detach().to(TorchSharp.torch.ScalarType.Float32).data<float>().ToArray()).ToArray();
    }
}
