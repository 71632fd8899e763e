using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Tests.Shared;
using QGan.MLNet.Trainers.Gan.MLNet;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.Evaluation;

namespace QGan.MLNet.Trainers.Tests;

/// <summary>
/// The README's ML.NET example, statement for statement, with smaller sizes: keeps the front page true to the API.
/// </summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void Readme_api_example_runs_end_to_end_and_produces_finite_metrics()
    {
        var models = Path.Combine(Fixtures.RepoRoot, "models", "sat4-synthetic");
        var ml = new MLContext(seed: 1);

        IDataView patches = ml.QGan().Data.Synthetic(count: 200, seed: 42);

        var encoder = ml.QGan().Transforms.EncodeLatent(Path.Combine(models, "encoder.onnx"), inputColumn: "Image", outputColumn: "Latent");
        IDataView latents = encoder.Fit(patches).Transform(patches);

        using var generator = ml.QGan().Trainers.QuantumGan(new QuantumGanOptions { Qubits = 12, Layers = 1, Iterations = 3, BatchSize = 16 })
            .Fit(latents);
        IDataView generated = generator.Generate(count: 64, seed: 7);
        IDataView images = ml.QGan().Transforms.DecodeLatent(Path.Combine(models, "decoder.onnx"), "Latent", "Image")
            .Fit(generated).Transform(generated);

        GanEvaluationMetrics metrics = ml.QGan().Evaluators.Evaluate(latents, generated,
            new GanEvaluationOptions { Spaces = [FeatureSpace.Latent()] });

        Assert.True(metrics["latent"].Fid is double fid && double.IsFinite(fid) && fid > 0, $"latent FID {metrics["latent"].Fid}");
        Assert.Equal(200, metrics["latent"].RealCount);
        Assert.Equal(64, metrics["latent"].GeneratedCount);

        var decoded = images.GetColumn<VBuffer<float>>("Image").ToArray();
        Assert.Equal(64, decoded.Length);
        Assert.All(decoded, v =>
        {
            Assert.Equal(3136, v.Length);
            Assert.All(v.DenseValues(), x => Assert.InRange(x, 0f, 1f));
        });
    }
}
