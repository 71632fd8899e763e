using System.Globalization;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Trainers.Features;

/// <summary>
/// Writes a trained feature network to a directory: <c>features.onnx</c> (with metadata: producer, data, seed,
/// accuracy), <c>metrics.csv</c> (per-epoch loss and accuracy) and <c>features.json</c>, each
/// atomically. The ONNX model is exported in memory first, so a failed export writes nothing.
/// </summary>
internal static class Sat4FeatureModelDirectory
{
    public const string MetricsFileName = "metrics.csv";

    public static Sat4FeatureModelInfo Save(string directory, Sat4FeatureTrainingResult result,
        Sat4FeatureTrainingOptions options, string dataDescription, int dataCount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        var info = new Sat4FeatureModelInfo
        {
            ParameterCount = result.Model.ParameterCount,
            Training = new Sat4FeatureTrainingSummary(options.Epochs, options.BatchSize, options.LearningRate, options.WeightDecay, options.Seed, options.ValidationFraction),
            Data = new Sat4FeatureDataSummary(dataDescription, dataCount, result.TrainCount, result.ValidationCount),
            TrainAccuracy = result.TrainAccuracy,
            ValidationAccuracy = result.ValidationAccuracy,
            ValidationLoss = result.ValidationLoss,
            ValidationConfusion = result.ValidationConfusion,
            ValidationClassAccuracy = result.ValidationClassAccuracy.Select(a => double.IsNaN(a) ? (double?)null : a).ToArray(),
        };
        var bytes = Sat4FeatureOnnx.Export(result.Model, new Dictionary<string, string>
        {
            ["data"] = dataDescription,
            ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
            ["epochs"] = options.Epochs.ToString(CultureInfo.InvariantCulture),
            ["validation_accuracy"] = result.ValidationAccuracy.ToString("R", CultureInfo.InvariantCulture),
            ["train_accuracy"] = result.TrainAccuracy.ToString("R", CultureInfo.InvariantCulture),
        });
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllBytes(Path.Combine(directory, Sat4FeatureOnnx.FileName), bytes);
        Sat4FeatureMetricsCsv.Write(Path.Combine(directory, MetricsFileName), result.History);
        AtomicFile.WriteAllText(Path.Combine(directory, Sat4FeatureModelInfo.FileName), info.ToJson());
        return info;
    }
}
