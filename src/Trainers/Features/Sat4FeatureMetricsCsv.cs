using System.Globalization;
using CsvHelper;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Trainers.Features;

/// <summary>
/// <c>metrics.csv</c> of <c>qgan train-features</c>: a header and one row per epoch (epoch, train_loss,
/// train_accuracy, validation_loss, validation_accuracy, seconds), invariant culture, LF line endings, rewritten
/// atomically after every epoch.
/// </summary>
public static class Sat4FeatureMetricsCsv
{
    public static readonly string[] Header = ["epoch", "train_loss", "train_accuracy", "validation_loss", "validation_accuracy", "seconds"];

    private static readonly CsvWriterOptions WriterOptions = new() { NewLine = "\n" };

    public static void Write(string path, IEnumerable<Sat4FeatureEpochMetrics> rows) => AtomicFile.Write(path, stream =>
    {
        using var csv = CsvWriter.Create(stream, WriterOptions, leaveOpen: true);
        foreach (var name in Header)
        {
            csv.WriteField(name);
        }
        csv.EndRecord();
        foreach (var row in rows)
        {
            csv.WriteField(row.Epoch.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(row.TrainLoss.ToString("R", CultureInfo.InvariantCulture));
            csv.WriteField(row.TrainAccuracy.ToString("R", CultureInfo.InvariantCulture));
            csv.WriteField(row.ValidationLoss.ToString("R", CultureInfo.InvariantCulture));
            csv.WriteField(row.ValidationAccuracy.ToString("R", CultureInfo.InvariantCulture));
            csv.WriteField(row.Seconds.ToString("F3", CultureInfo.InvariantCulture));
            csv.EndRecord();
        }
    });
}
