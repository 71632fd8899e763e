using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Trainers.Production;
using QGan.MLNet.Transforms.Catalog;

namespace QGan.MLNet.Trainers.Tests.Production;

public sealed class NoiseToImageCatalogTests
{
    private sealed class NoiseRow
    {
        [VectorType(12)]
        public float[] Noise { get; set; } = [];
    }

    private sealed class GeneratedRow
    {
        [VectorType(24)]
        public float[] Latent { get; set; } = [];

        [VectorType(3136)]
        public float[] Image { get; set; } = [];
    }

    [Fact]
    public void Prediction_engine_and_batch_transform_reproduce_the_exported_model()
    {
        using var generator = ProductionModels.Quantum(qubits: 12, layers: 2, noiseDim: 12, Readout.ZX);
        var path = Path.Combine(Directory.CreateTempSubdirectory("qgan-prod-").FullName, "model.onnx");
        NoiseToImageExporter.Save(generator, ProductionModels.Decoder(), path);
        var noise = ProductionModels.Noise(rows: 4, width: 12);
        var (latents, images, _) = ProductionModels.Run(File.ReadAllBytes(path), noise, 12);

        var ml = new MLContext(seed: 0);
        var rows = noise.Chunk(12).Select(z => new NoiseRow { Noise = z }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.QGan().Transforms.GenerateImages(path).Fit(data);

        var batch = ml.Data.CreateEnumerable<GeneratedRow>(model.Transform(data), reuseRowObject: false).ToArray();
        using var engine = ml.Model.CreatePredictionEngine<NoiseRow, GeneratedRow>(model);
        for (int i = 0; i < rows.Length; i++)
        {
            var single = engine.Predict(rows[i]);
            // ML.NET runs one row at a time, the reference a batch of 4: the same graph, float rounding apart.
            Assert.True(ProductionModels.MaxAbsDifference(latents.AsSpan(i * 24, 24), batch[i].Latent) < 1e-6);
            Assert.True(ProductionModels.MaxAbsDifference(images.AsSpan(i * 3136, 3136), batch[i].Image) < 1e-6);
            Assert.True(ProductionModels.MaxAbsDifference(batch[i].Latent, single.Latent) < 1e-6);
            Assert.True(ProductionModels.MaxAbsDifference(batch[i].Image, single.Image) < 1e-6);
        }
        Assert.DoesNotContain(model.GetOutputSchema(data.Schema), c => c.Name is "noise" or "latent" or "image");

        // A saved and reloaded model is a plain ML.NET model that computes the same.
        var zip = Path.Combine(Path.GetDirectoryName(path)!, "pipeline.zip");
        ml.Model.Save(model, data.Schema, zip);
        // Disposed: ML.NET keeps the loaded ONNX model in a temp file that only Dispose deletes.
        using var loaded = (TransformerChain<ITransformer>)ml.Model.Load(zip, out _);
        var reloaded = ml.Data.CreateEnumerable<GeneratedRow>(loaded.Transform(data), reuseRowObject: false).ToArray();
        Assert.Equal(batch[2].Latent, reloaded[2].Latent);

        // The single-threaded variant (OnnxOptions with a model file) computes the same values.
        var oneThread = ml.QGan().Transforms.GenerateImages(path, intraOpThreads: 1).Fit(data);
        var again = ml.Data.CreateEnumerable<GeneratedRow>(oneThread.Transform(data), reuseRowObject: false).ToArray();
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.True(ProductionModels.MaxAbsDifference(batch[i].Image, again[i].Image) < 1e-6);
        }
    }

    [Fact]
    public void A_model_without_the_noise_signature_is_refused_when_the_estimator_is_created()
    {
        var ml = new MLContext(seed: 0);
        var error = Assert.Throws<InvalidDataException>(() => { ml.QGan().Transforms.GenerateImages(ProductionModels.DecoderPath); });
        Assert.Contains("decoder.onnx", error.Message);
        Assert.Contains("'noise'", error.Message);
    }
}
