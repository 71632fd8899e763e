using System.Globalization;
using QGan.MLNet.Trainers.Runtime;

namespace QGan.MLNet.Trainers.Features;

/// <summary>
/// <c>metrics.csv</c> of <c>qgan train-features</c>: a header and one row per epoch (epoch, train_loss,
/// train_accuracy, validation_loss, validation_accuracy, seconds), invariant culture, LF line endings, rewritten
/// atomically after every epoch.
/// </summary>
internal static class Sat4FeatureMetricsCsv
{
    public static readonly string[] Header = ["epoch", "train_loss", "train_accuracy", "validation_loss", "validation_accuracy", "seconds"];

    public static void Write(string path, IEnumerable<Sat4FeatureEpochMetrics> rows) => EpochMetricsCsv.Write(path, Header, rows, row =>
    [
        row.Epoch.ToString(CultureInfo.InvariantCulture),
        row.TrainLoss.ToString("R", CultureInfo.InvariantCulture),
        row.TrainAccuracy.ToString("R", CultureInfo.InvariantCulture),
        row.ValidationLoss.ToString("R", CultureInfo.InvariantCulture),
        row.ValidationAccuracy.ToString("R", CultureInfo.InvariantCulture),
        row.Seconds.ToString("F3", CultureInfo.InvariantCulture),
    ]);
}
