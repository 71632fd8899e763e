using System.Globalization;

namespace QGan.MLNet.Trainers.Production;

/// <summary>
/// Generator noise as CSV: no header, one sample per row, exactly noise_dim finite numbers (invariant culture).
/// Every row is checked before any is used; errors name the file, the 1-based row and column.
/// </summary>
public static class NoiseCsv
{
    /// <summary>Reads all rows into a row-major [rows, width] array.</summary>
    public static float[] Read(string path, int width, out int rows)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: noise file not found.", path);
        }
        var values = new List<float>();
        rows = 0;
        foreach (var raw in File.ReadLines(path))
        {
            rows++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                throw new InvalidDataException($"{path}: row {rows}: empty line (expected {width} comma-separated numbers).");
            }
            var fields = line.Split(',');
            if (fields.Length != width)
            {
                throw new InvalidDataException($"{path}: row {rows}: has {fields.Length} values but the generator takes {width} noise values.");
            }
            for (int k = 0; k < fields.Length; k++)
            {
                if (!float.TryParse(fields[k], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !float.IsFinite(v))
                {
                    throw new InvalidDataException($"{path}: row {rows}, column {k + 1}: '{fields[k].Trim()}' is not a finite number.");
                }
                values.Add(v);
            }
        }
        if (rows == 0)
        {
            throw new InvalidDataException($"{path}: no noise rows.");
        }
        return [.. values];
    }
}
