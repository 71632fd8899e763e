using Microsoft.ML;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.Data;

namespace QGan.MLNet.Transforms.Tests.Data;

/// <summary>The column contract works with stock ML.NET trainers, and the synthetic classes are learnable through them.</summary>
public sealed class Sat4MlNetTrainingTests
{
    [Fact]
    public void A_stock_multiclass_trainer_learns_the_synthetic_classes_from_the_image_column()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.QGan().Data.Synthetic(300, seed: 21);
        var test = ml.QGan().Data.Synthetic(200, seed: 22);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("LabelKey", Sat4Schema.LabelColumn)
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy("LabelKey", Sat4Schema.ImageColumn));

        var model = pipeline.Fit(train);
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test), labelColumnName: "LabelKey");

        Assert.True(metrics.MacroAccuracy > 0.9, $"macro accuracy {metrics.MacroAccuracy:F3}");
    }
}
