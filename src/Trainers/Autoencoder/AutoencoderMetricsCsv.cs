using System.Globalization;
using CsvHelper;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Trainers.Autoencoder;

/// <summary>
/// <c>metrics.csv</c>: a header and one row per epoch (epoch, train_mse, validation_mse, learning_rate, seconds),
/// comma separated, invariant culture, LF line endings. Rewritten atomically after every epoch.
/// </summary>
public static class AutoencoderMetricsCsv
{
    public static readonly string[] Header = ["epoch", "train_mse", "validation_mse", "learning_rate", "seconds"];

    private static readonly CsvWriterOptions WriterOptions = new() { NewLine = "\n" };

    public static void Write(string path, IEnumerable<AutoencoderEpochMetrics> rows) => AtomicFile.Write(path, stream =>
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
            csv.WriteField(row.TrainMse.ToString("R", CultureInfo.InvariantCulture));
            csv.WriteField(row.ValidationMse.ToString("R", CultureInfo.InvariantCulture));
            csv.WriteField(row.LearningRate.ToString("R", CultureInfo.InvariantCulture));
            csv.WriteField(row.Seconds.ToString("F3", CultureInfo.InvariantCulture));
            csv.EndRecord();
        }
    });

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
