using CsvHelper;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Trainers.Runtime;

/// <summary>
/// The shared shape of the per-epoch <c>metrics.csv</c> files (autoencoder, feature extractor): a header and one
/// record per epoch, invariant-culture fields formatted by the caller, LF line endings, the whole file rewritten
/// atomically after every epoch (a killed run never leaves a half-written file).
/// </summary>
internal static class EpochMetricsCsv
{
    private static readonly CsvWriterOptions WriterOptions = new() { NewLine = "\n" };

    public static void Write<T>(string path, IReadOnlyList<string> header, IEnumerable<T> rows, Func<T, string[]> fields) =>
        AtomicFile.Write(path, stream =>
        {
            using var csv = CsvWriter.Create(stream, WriterOptions, leaveOpen: true);
            WriteRecord(csv, header);
            foreach (var row in rows)
            {
                WriteRecord(csv, fields(row));
            }
        });

    private static void WriteRecord(CsvWriter csv, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            csv.WriteField(value);
        }
        csv.EndRecord();
    }
}
