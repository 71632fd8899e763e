using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Trainers.Features;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.Data.Synthetic;
using QGan.MLNet.Transforms.Features;

namespace QGan.MLNet.Trainers.Tests.Features;

public sealed class Sat4FeatureNetworkEstimatorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qgan-sat4-features-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Fit_trains_saves_the_model_and_returns_a_transformer_with_its_features()
    {
        var ml = new MLContext(seed: 1);
        var data = Sat4SyntheticGenerator.Generate(200, 4UL);
        var view = data.ToDataView(ml);
        var options = new Sat4FeatureTrainingOptions { Epochs = 2, BatchSize = 32, Seed = 8 };

        var estimator = ml.QGan().Trainers.Sat4FeatureNetwork(_dir, options, "F");
        using var transformer = estimator.Fit(view);
        var rows = transformer.Transform(view).GetColumn<float[]>("F").Take(5).ToArray();

        Assert.Equal(128, transformer.FeatureDimension);
        Assert.True(File.Exists(Path.Combine(_dir, "features.onnx")));
        Assert.True(File.Exists(Path.Combine(_dir, "metrics.csv")));
        var info = Sat4FeatureModelInfo.FromJson(File.ReadAllText(Path.Combine(_dir, "features.json")), "features.json");
        Assert.Equal(estimator.LastInfo!.ValidationAccuracy, info.ValidationAccuracy);
        Assert.Equal((200, 160, 40), (info.Data.Count, info.Data.TrainCount, info.Data.ValidationCount));

        // The same seed trained directly gives the same features (the estimator adds nothing of its own).
        var direct = new Sat4FeatureTrainer(options).Train(data);
        using var model = direct.Model;
        Assert.Equal(direct.ValidationAccuracy, info.ValidationAccuracy);
        var images = new float[5 * 3136];
        data.CopyPatchesChw([0, 1, 2, 3, 4], images);
        var expected = Sat4FeatureTrainer.ExtractFeatures(model, images, 5);
        for (var i = 0; i < 5; i++)
        {
            for (var j = 0; j < 128; j++)
            {
                Assert.Equal(expected[i * 128 + j], rows[i][j], 1e-5f);
            }
        }
    }

    [Fact]
    public void A_data_view_without_labels_is_rejected_naming_the_column()
    {
        var ml = new MLContext(seed: 1);
        var view = ml.Transforms.DropColumns("Label").Fit(Sat4SyntheticGenerator.Generate(10, 4UL).ToDataView(ml))
            .Transform(Sat4SyntheticGenerator.Generate(10, 4UL).ToDataView(ml));
        var estimator = ml.QGan().Trainers.Sat4FeatureNetwork(_dir);

        var ex = Assert.Throws<ArgumentException>(() => estimator.Fit(view));
        Assert.Contains("no 'Label' column", ex.Message);
        Assert.Empty(Directory.GetFiles(_dir));
    }
}
