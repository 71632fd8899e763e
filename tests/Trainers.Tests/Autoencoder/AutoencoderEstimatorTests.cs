using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Transforms.Catalog;

namespace QGan.MLNet.Trainers.Tests.Autoencoder;

public sealed class AutoencoderEstimatorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qgan-ae-est-").FullName;
    private readonly MLContext _ml = new(seed: 1);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class ImageRow
    {
        [VectorType(TestImages.Length)]
        public float[] Image { get; set; } = [];
    }

    private sealed class LatentRow
    {
        [VectorType(8)]
        public float[] Latent { get; set; } = [];
    }

    private IDataView ToDataView(AutoencoderDataset data) => _ml.Data.LoadFromEnumerable(
        Enumerable.Range(0, data.Count).Select(i => new ImageRow { Image = data.Image(i).ToArray() }).ToList());

    private static AutoencoderOptions TinyOptions() => new()
    {
        Architecture = TestImages.TinyArchitecture,
        Training = TestImages.TinyOptions(epochs: 3),
        DataDescription = "test images",
    };

    private static float[][] Column(IDataView view, string name) =>
        view.GetColumn<float[]>(name).ToArray();

    [Fact]
    public void Fit_trains_and_the_onnx_pipeline_reproduces_the_reported_reconstruction_error()
    {
        var data = TestImages.Create(40, seed: 11);
        var transformer = _ml.QGan().Trainers.Autoencoder(TinyOptions()).Fit(ToDataView(data));

        var encoded = transformer.Transform(ToDataView(data));
        var latents = Column(encoded, "Latent");
        Assert.Equal(40, latents.Length);
        Assert.All(latents, l => Assert.Equal(8, l.Length));
        Assert.All(latents.SelectMany(l => l), v => Assert.InRange(v, -1f, 1f));

        var decoded = transformer.Decode(encoded, outputColumn: "Reconstruction");
        var reconstructions = Column(decoded, "Reconstruction");
        var originals = Column(decoded, "Image");
        double sum = 0;
        for (var i = 0; i < originals.Length; i++)
        {
            for (var k = 0; k < TestImages.Length; k++)
            {
                var d = reconstructions[i][k] - originals[i][k];
                sum += d * d;
            }
        }
        var mse = sum / (40.0 * TestImages.Length);

        // ONNX Runtime through ML.NET vs the trainer's own TorchSharp evaluation on the train and validation split.
        var q = transformer.Info.Quality;
        var counts = transformer.Info.Data;
        var expected = (q.TrainMse * counts.TrainCount + q.ValidationMse * counts.ValidationCount) / counts.Count;
        Assert.Equal(expected, mse, 5);
        Assert.Equal(32, counts.TrainCount);
        Assert.Equal(8, counts.ValidationCount);
    }

    [Fact]
    public void Saved_directory_loads_back_and_encodes_identically()
    {
        var data = TestImages.Create(24, seed: 12);
        var transformer = _ml.QGan().Trainers.Autoencoder(TinyOptions() with { Training = TestImages.TinyOptions(1) }).Fit(ToDataView(data));
        transformer.Save(_dir);

        Assert.True(File.Exists(Path.Combine(_dir, "encoder.onnx")));
        Assert.True(File.Exists(Path.Combine(_dir, "decoder.onnx")));
        var json = File.ReadAllText(Path.Combine(_dir, "autoencoder.json"));
        Assert.Contains("\"mean_image_baseline_mse\"", json);
        Assert.Contains("\"validation_mse\"", json);

        var loaded = AutoencoderTransformer.Load(_ml, _dir);
        Assert.Equal(transformer.Info, loaded.Info with { });
        Assert.Equal(Column(transformer.Transform(ToDataView(data)), "Latent"), Column(loaded.Transform(ToDataView(data)), "Latent"));
    }

    [Fact]
    public void Works_in_a_prediction_engine_and_after_mlcontext_model_save()
    {
        var data = TestImages.Create(24, seed: 13);
        var view = ToDataView(data);
        var transformer = _ml.QGan().Trainers.Autoencoder(TinyOptions() with { Training = TestImages.TinyOptions(1) }).Fit(view);
        var expected = Column(transformer.Transform(view), "Latent");

        using (var engine = _ml.Model.CreatePredictionEngine<ImageRow, LatentRow>(transformer))
        {
            var single = engine.Predict(new ImageRow { Image = data.Image(3).ToArray() });
            Assert.Equal(expected[3], single.Latent);
        }

        var path = Path.Combine(_dir, "model.zip");
        _ml.Model.Save(transformer, view.Schema, path);
        using var reloaded = (TransformerChain<ITransformer>)_ml.Model.Load(path, out _); // disposing deletes ML.NET's temp model file
        Assert.Equal(expected, Column(reloaded.Transform(view), "Latent"));
    }

    [Fact]
    public void Missing_image_column_is_a_clear_error()
    {
        var view = _ml.Data.LoadFromEnumerable(new[] { new LatentRow { Latent = new float[8] } });
        var ex = Assert.Throws<ArgumentException>(() => _ml.QGan().Trainers.Autoencoder(TinyOptions()).Fit(view));
        Assert.Contains("'Image'", ex.Message);
        Assert.Contains("Latent", ex.Message);
    }

    [Fact]
    public void Image_column_of_the_wrong_size_is_a_clear_error()
    {
        var view = _ml.Data.LoadFromEnumerable(new[] { new LatentRow { Latent = new float[8] } });
        var options = TinyOptions() with { ImageColumnName = "Latent" };
        var ex = Assert.Throws<ArgumentException>(() => _ml.QGan().Trainers.Autoencoder(options).Fit(view));
        Assert.Contains("3136", ex.Message);
    }
}
