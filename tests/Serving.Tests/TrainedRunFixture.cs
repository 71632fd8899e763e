using QGan.MLNet.Tests.Shared;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Trainers.Production;

namespace QGan.MLNet.Serving.Tests;

/// <summary>
/// A real (tiny) run directory, made once per test class: a 12-qubit, 1-layer quantum generator trained for two
/// WGAN-GP iterations on random latents, saved the way <c>qgan train</c> saves it (generator/ with the shipped
/// decoder, checkpoints/checkpoint.bin holding the critic), and exported the way <c>qgan export-onnx --critic-out</c>
/// exports it (<see cref="ModelPath"/>, <see cref="CriticPath"/>): what the service serves. Training quality is not
/// the point; the layout is.
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
        using var package = GeneratorPackage.Open(RunDirectory);
        ModelPath = Path.Combine(RunDirectory, "model.onnx");
        CriticPath = Path.Combine(RunDirectory, "critic.onnx");
        NoiseToImageExporter.Save(package.Generator, package.Decoder, ModelPath);
        File.WriteAllBytes(CriticPath, package.Critic!.ExportOnnx());
    }

    /// <summary>The exported noise-to-image model.</summary>
    public string ModelPath { get; }

    /// <summary>The exported critic.</summary>
    public string CriticPath { get; }

    /// <summary>The shipped encoder (the generator was trained in its latent space).</summary>
    public static string EncoderPath => Path.Combine(AutoencoderDirectory, AutoencoderOnnx.EncoderFileName);

    /// <summary>Service options over the exported files.</summary>
    public ServingOptions Options() => new() { ModelPath = ModelPath, EncoderPath = EncoderPath, CriticPath = CriticPath };

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
