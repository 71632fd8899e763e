using System.Text.Json.Nodes;
using QGan.MLNet.Tests.Shared;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Trainers.Production;
using TorchSharp;

namespace QGan.MLNet.Trainers.Tests.Production;

/// <summary>A tiny real run (12 qubits x 1 layer, 2 iterations on random 24-d latents) laid out as `qgan train` writes it.</summary>
public sealed class TinyRunFixture : IDisposable
{
    public TinyRunFixture()
    {
        Root = Directory.CreateTempSubdirectory("qgan-package-").FullName;
        RunDirectory = Path.Combine(Root, "run");
        var options = new GanTrainingOptions
        {
            Generator = GeneratorKind.Quantum, Qubits = 12, Layers = 1, NoiseDimension = 12, CriticHidden = [16],
            BatchSize = 8, CriticSteps = 1, Iterations = 2, MetricsInterval = 2, CheckpointInterval = 2, Seed = 5,
        };
        var latents = ProductionModels.Noise(rows: 64, width: 24, seed: 9).Select(MathF.Tanh).ToArray();
        var layout = new GanRunLayout(RunDirectory);
        using var trainer = new WganGpTrainer(options, new LatentDataSet(latents, 24), layout);
        trainer.Train();
        using (var generator = trainer.ExportGenerator(AutoencoderOnnx.DecoderFileName))
        {
            generator.Save(layout.GeneratorDirectory);
        }
        File.Copy(ProductionModels.DecoderPath, Path.Combine(layout.GeneratorDirectory, AutoencoderOnnx.DecoderFileName));
        ProbeLatents = latents[..(3 * 24)];
        using var noGrad = torch.no_grad();
        ExpectedCriticScores = trainer.Critic.forward(torch.tensor(ProbeLatents, [3, 24])).data<float>().ToArray();
    }

    public string Root { get; }

    public string RunDirectory { get; }

    public string GeneratorDirectory => new GanRunLayout(RunDirectory).GeneratorDirectory;

    public float[] ProbeLatents { get; }

    public float[] ExpectedCriticScores { get; }

    /// <summary>A copy of the generator folder outside the run (no checkpoint beside it), with its manifest edited.</summary>
    public string CopyGenerator(Action<JsonObject> editManifest, bool keepDecoder = true)
    {
        var target = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(GeneratorDirectory))
        {
            if (keepDecoder || Path.GetFileName(file) != AutoencoderOnnx.DecoderFileName)
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }
        }
        var manifestPath = Path.Combine(target, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        editManifest(manifest);
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        return target;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}

public sealed class GeneratorPackageTests(TinyRunFixture run) : IClassFixture<TinyRunFixture>
{
    private static string ShippedAutoencoder => Path.Combine(Fixtures.RepoRoot, "models", "sat4-synthetic");

    [Fact]
    public void Run_directory_resolves_generator_decoder_matching_encoder_and_the_critic_of_the_last_checkpoint()
    {
        using var package = GeneratorPackage.Open(run.RunDirectory);
        Assert.Equal(run.GeneratorDirectory, package.Directory);
        Assert.Equal(Path.Combine(run.GeneratorDirectory, "decoder.onnx"), package.Decoder.Source);
        // The shipped encoder is used because the run's decoder is byte-identical to the shipped decoder.
        Assert.NotNull(package.Encoder);
        // The shipped models are copied next to the application and found there first (ShippedModels).
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "models", "sat4-synthetic", "encoder.onnx"), Path.GetFullPath(package.Encoder.Source));
        Assert.Equal(File.ReadAllBytes(Path.Combine(ShippedAutoencoder, "encoder.onnx")), File.ReadAllBytes(package.Encoder.Source));
        Assert.NotNull(package.Critic);
        Assert.Equal(2, package.Critic.Iteration);
        var scores = package.Critic.Score(run.ProbeLatents);
        // Same weights and inputs; libtorch may pick another GEMM path (threads), hence a float tolerance.
        Assert.Equal(run.ExpectedCriticScores.Length, scores.Length);
        for (int i = 0; i < scores.Length; i++)
        {
            Assert.Equal(run.ExpectedCriticScores[i], scores[i], 1e-6);
        }
    }

    [Fact]
    public void Generator_folder_alone_works_and_has_no_critic()
    {
        var copy = run.CopyGenerator(_ => { });
        using var package = GeneratorPackage.Open(copy);
        Assert.Null(package.Critic);
        Assert.Equal(24, package.Decoder.LatentSize);
    }

    [Fact]
    public void Checkpoint_of_another_iteration_is_not_used_as_the_critic()
    {
        var manifestPath = Path.Combine(run.GeneratorDirectory, "manifest.json");
        var original = File.ReadAllText(manifestPath);
        try
        {
            var manifest = JsonNode.Parse(original)!.AsObject();
            manifest["iterations"] = 3;
            File.WriteAllText(manifestPath, manifest.ToJsonString());
            using var package = GeneratorPackage.Open(run.RunDirectory);
            Assert.Null(package.Critic);
        }
        finally
        {
            File.WriteAllText(manifestPath, original);
        }
    }

    [Fact]
    public void Generator_without_a_recorded_decoder_falls_back_to_the_shipped_autoencoder()
    {
        var copy = run.CopyGenerator(m => m.Remove("decoder"), keepDecoder: false);
        using var package = GeneratorPackage.Open(copy);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "models", "sat4-synthetic", "decoder.onnx"), Path.GetFullPath(package.Decoder.Source));
        Assert.Equal(File.ReadAllBytes(Path.Combine(ShippedAutoencoder, "decoder.onnx")), File.ReadAllBytes(package.Decoder.Source));
    }

    [Fact]
    public void Bad_folders_are_refused_with_the_path()
    {
        var empty = Directory.CreateTempSubdirectory("qgan-package-empty-").FullName;
        // API errors name the API parameters (model, autoencoder), not command-line flags.
        var noManifest = Assert.Throws<ArgumentException>(() => { GeneratorPackage.Open(empty); });
        Assert.Contains(empty, noManifest.Message);
        Assert.Equal("model", noManifest.ParamName);
        Assert.DoesNotContain("--", noManifest.Message);

        var missing = Path.Combine(run.Root, "missing-autoencoder");
        var noAutoencoder = Assert.Throws<ArgumentException>(() => { GeneratorPackage.Open(run.RunDirectory, missing); });
        Assert.Contains(missing, noAutoencoder.Message);
        Assert.Equal("autoencoder", noAutoencoder.ParamName);
        Assert.DoesNotContain("--", noAutoencoder.Message);

        var noDecoder = Assert.Throws<FileNotFoundException>(() => { GeneratorPackage.Open(run.RunDirectory, empty); });
        Assert.Contains("decoder.onnx", noDecoder.Message);
    }
}
