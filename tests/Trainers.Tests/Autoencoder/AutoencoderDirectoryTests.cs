using Microsoft.ML;
using QGan.MLNet.Tests.Shared;
using QGan.MLNet.Trainers.Autoencoder;

namespace QGan.MLNet.Trainers.Tests.Autoencoder;

/// <summary>Loading autoencoder directories: the shipped model, and the ways a directory can be broken.</summary>
public sealed class AutoencoderDirectoryTests : IDisposable
{
    private static readonly string Shipped = Path.Combine(Fixtures.RepoRoot, "models", "sat4-synthetic");
    private readonly string _dir = Directory.CreateTempSubdirectory("qgan-ae-dir-").FullName;
    private readonly MLContext _ml = new(seed: 1);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string CopyShipped()
    {
        foreach (var file in new[] { "encoder.onnx", "decoder.onnx", "autoencoder.json" })
        {
            File.Copy(Path.Combine(Shipped, file), Path.Combine(_dir, file));
        }
        return _dir;
    }

    [Fact]
    public void Shipped_model_loads_and_its_description_is_consistent()
    {
        var model = AutoencoderTransformer.Load(_ml, Shipped);

        Assert.Equal(AutoencoderArchitecture.Compact, model.Info.Architecture);
        Assert.Equal(24, model.Encoder.LatentSize);
        Assert.True(model.Info.Quality.ValidationMse < 0.2 * model.Info.Quality.MeanImageBaselineMse);
        Assert.Equal(model.Info.Training.EpochsRun, AutoencoderMetricsCsv.Read(Path.Combine(Shipped, "metrics.csv")).Count);
    }

    [Fact]
    public void Description_that_disagrees_with_the_models_is_refused()
    {
        var dir = CopyShipped();
        var json = Path.Combine(dir, "autoencoder.json");
        File.WriteAllText(json, File.ReadAllText(json).Replace("\"latent_size\": 24", "\"latent_size\": 16"));

        var ex = Assert.Throws<InvalidDataException>(() => AutoencoderTransformer.Load(_ml, dir));
        Assert.Contains("encoder.onnx", ex.Message);
        Assert.Contains("[16]", ex.Message);
    }

    [Fact]
    public void Broken_or_missing_description_is_reported_with_its_path()
    {
        var dir = CopyShipped();
        var json = Path.Combine(dir, "autoencoder.json");
        File.WriteAllText(json, "{ not json");

        var broken = Assert.Throws<InvalidDataException>(() => AutoencoderTransformer.Load(_ml, dir));
        Assert.Contains(json, broken.Message);

        File.Delete(json);
        Assert.Throws<FileNotFoundException>(() => AutoencoderTransformer.Load(_ml, dir));
        Assert.Throws<DirectoryNotFoundException>(() => AutoencoderTransformer.Load(_ml, Path.Combine(dir, "nope")));
    }
}
