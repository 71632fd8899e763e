using QGan.MLNet.Tests.Shared;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Serving.Tests;

/// <summary>
/// A real (tiny) run directory, made once per test class: a 12-qubit, 1-layer quantum generator trained for two
/// WGAN-GP iterations on random latents, saved the way <c>qgan train</c> saves it (generator/ with the shipped
/// decoder, checkpoints/checkpoint.bin holding the critic). Training quality is not the point; the layout is.
/// </summary>
public sealed class TrainedRunFixture : IDisposable
{
    public TrainedRunFixture()
    {
        RunDirectory = Directory.CreateTempSubdirectory("qgan-serving-").FullName;
        var options = new GanTrainingOptions
        {
            Generator = GeneratorKind.Quantum,
            Qubits = 12,
            Layers = 1,
            NoiseDimension = 12,
            CriticHidden = [16],
            BatchSize = 8,
            CriticSteps = 1,
            Iterations = 2,
            MetricsInterval = 2,
            CheckpointInterval = 2,
            QuantumInitRange = 1.0,
            Seed = 5,
        };
        var random = new Random(4);
        var latents = new float[64 * 24];
        for (int i = 0; i < latents.Length; i++)
        {
            latents[i] = (float)(random.NextDouble() * 2 - 1);
        }
        var layout = new GanRunLayout(RunDirectory);
        using (var trainer = new WganGpTrainer(options, new LatentDataSet(latents, 24), layout))
        {
            trainer.Train();
            using var generator = trainer.ExportGenerator(AutoencoderOnnx.DecoderFileName);
            generator.Save(layout.GeneratorDirectory);
        }
        File.Copy(Path.Combine(AutoencoderDirectory, AutoencoderOnnx.DecoderFileName),
            Path.Combine(layout.GeneratorDirectory, AutoencoderOnnx.DecoderFileName));
    }

    public static string AutoencoderDirectory => Path.Combine(Fixtures.RepoRoot, "models", "sat4-synthetic");

    public string RunDirectory { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(RunDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
    }
}
