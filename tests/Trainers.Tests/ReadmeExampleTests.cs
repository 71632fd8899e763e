using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Transforms.Catalog;

namespace QGan.MLNet.Trainers.Tests;

/// <summary>
/// The README's ML.NET example, statement for statement, with smaller sizes and with one <c>using</c> of the project
/// (<c>QGan.MLNet.Transforms.Catalog</c>): keeps the front page true to the API.
/// </summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void Readme_api_example_runs_end_to_end_and_produces_finite_metrics()
    {
        var ml = new MLContext(seed: 1);

        IDataView patches = ml.QGan().Data.Synthetic(count: 200, seed: 42);

        var encoder = ml.QGan().Transforms.EncodeLatent(inputColumn: "Image", outputColumn: "Latent");
        IDataView latents = encoder.Fit(patches).Transform(patches);

        using var generator = ml.QGan().Trainers.QuantumGan(o => { o.Qubits = 12; o.Layers = 1; o.Iterations = 3; o.BatchSize = 16; })
            .Fit(latents);
        IDataView generated = generator.Generate(count: 64, seed: 7);
        IDataView images = ml.QGan().Transforms.DecodeLatent(inputColumn: "Latent", outputColumn: "Image")
            .Fit(generated).Transform(generated);

        var metrics = ml.QGan().Evaluators.Evaluate(latents, generated, [ml.QGan().Evaluators.LatentSpace()]);

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

        var work = Path.Combine(Path.GetTempPath(), $"qgan-readme-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var chain = ml.QGan().Transforms.EncodeLatent()
                .Append(ml.QGan().Trainers.QuantumGan(o => { o.Layers = 1; o.Iterations = 2; o.BatchSize = 16; o.OutputColumnName = "GeneratedLatent"; }))
                .Append(ml.QGan().Transforms.DecodeLatent(inputColumn: "GeneratedLatent", outputColumn: "Generated"));
            ITransformer model = chain.Fit(patches);
            ml.Model.Save(model, patches.Schema, Path.Combine(work, "chain.zip"));
            ml.QGan().Trainers.ExportGeneratorOnnx(model, Path.Combine(work, "generator.onnx"));

            var expected = model.Transform(patches).GetColumn<float[]>("Generated").Take(4).ToArray();
            var reloaded = ml.Model.Load(Path.Combine(work, "chain.zip"), out _).Transform(patches).GetColumn<float[]>("Generated").Take(4).ToArray();
            for (int r = 0; r < expected.Length; r++)
            {
                Assert.Equal(3136, expected[r].Length);
                for (int i = 0; i < expected[r].Length; i++)
                {
                    Assert.True(Math.Abs(expected[r][i] - reloaded[r][i]) <= 1e-5, $"row {r}, value {i}");
                }
            }
            Assert.True(new FileInfo(Path.Combine(work, "generator.onnx")).Length > 0);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
