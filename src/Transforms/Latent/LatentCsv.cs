using System.Globalization;
using System.Text;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Transforms.Latent;

/// <summary>
/// Latent vectors as CSV: one row per patch, the latent values comma separated, no header, invariant culture,
/// shortest round-trip float formatting (so values read back bit for bit).
/// </summary>
public static class LatentCsv
{
    /// <summary>Writes latent vectors as header-less CSV (one vector per row, shortest round-trip floats), atomically.</summary>
    public static void Write(string path, IEnumerable<float[]> rows) => AtomicFile.Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var line = new StringBuilder();
        foreach (var row in rows)
        {
            line.Clear();
            for (var k = 0; k < row.Length; k++)
            {
                if (k > 0)
                {
                    line.Append(',');
                }
                line.Append(row[k].ToString("R", CultureInfo.InvariantCulture));
            }
            writer.Write(line);
            writer.Write('\n');
        }
    });

    /// <summary>
    /// Reads every row, checking that each has <paramref name="expectedSize"/> finite numbers; a bad row fails with
    /// the file, the 1-based row and the 1-based column.
    /// </summary>
    public static List<float[]> Read(string path, int expectedSize)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found.", path);
        }
        var rows = new List<float[]>();
        var rowNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            rowNumber++;
            if (line.Length == 0 || line == "\r")
            {
                throw new InvalidDataException($"{path}: row {rowNumber}: empty line (expected {expectedSize} comma-separated numbers).");
            }
            var fields = line.TrimEnd('\r').Split(',');
            if (fields.Length != expectedSize)
            {
                throw new InvalidDataException($"{path}: row {rowNumber}: has {fields.Length} values but the decoder expects {expectedSize}.");
            }
            var values = new float[expectedSize];
            for (var k = 0; k < fields.Length; k++)
            {
                if (!float.TryParse(fields[k], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !float.IsFinite(v))
                {
                    throw new InvalidDataException($"{path}: row {rowNumber}, column {k + 1}: '{fields[k]}' is not a finite number.");
                }
                values[k] = v;
            }
            rows.Add(values);
        }
        if (rows.Count == 0)
        {
            throw new InvalidDataException($"{path}: no latent rows.");
        }
        return rows;
    }
}
