using System.Globalization;
using CsvHelper;
using QGan.MLNet.Trainers.Runtime;

namespace QGan.MLNet.Trainers.Autoencoder;

/// <summary>
/// <c>metrics.csv</c>: a header and one row per epoch (epoch, train_mse, validation_mse, learning_rate, seconds),
/// comma separated, invariant culture, LF line endings. Rewritten atomically after every epoch.
/// </summary>
internal static class AutoencoderMetricsCsv
{
    public static readonly string[] Header = ["epoch", "train_mse", "validation_mse", "learning_rate", "seconds"];

    public static void Write(string path, IEnumerable<AutoencoderEpochMetrics> rows) => EpochMetricsCsv.Write(path, Header, rows, row =>
    [
        row.Epoch.ToString(CultureInfo.InvariantCulture),
        row.TrainMse.ToString("R", CultureInfo.InvariantCulture),
        row.ValidationMse.ToString("R", CultureInfo.InvariantCulture),
        row.LearningRate.ToString("R", CultureInfo.InvariantCulture),
        row.Seconds.ToString("F3", CultureInfo.InvariantCulture),
    ]);

    public static List<AutoencoderEpochMetrics> Read(string path)
    {
        using var csv = CsvReader.Create(File.OpenRead(path), new CsvReaderOptions { HasHeader = true }, leaveOpen: false);
        var rows = new List<AutoencoderEpochMetrics>();
        while (csv.Read())
        {
            rows.Add(new AutoencoderEpochMetrics(
                csv.Parse<int>("epoch"), csv.Parse<double>("train_mse"), csv.Parse<double>("validation_mse"),
                csv.Parse<double>("learning_rate"), csv.Parse<double>("seconds")));
        }
        return rows;
    }
}
