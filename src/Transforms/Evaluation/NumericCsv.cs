using System.Globalization;

namespace QGan.MLNet.Transforms.Evaluation;

/// <summary>
/// Reader for header-less numeric CSV files with one sample per row (feature vectors, or Kaggle SAT-4 image
/// rows). Rows are streamed; every problem is reported as <see cref="InvalidDataException"/> naming the file,
/// the 1-based row and, where it applies, the 1-based field.
/// </summary>
public static class NumericCsv
{
    /// <summary>Rows of finite floating-point numbers; all rows must have the same number of fields.</summary>
    public static IEnumerable<double[]> ReadRows(string path) =>
        Read(path, static (span, file, row, field) => ParseDouble(span, file, row, field));

    /// <summary>Rows of 8-bit intensities: integers 0..255 (written as <c>12</c> or <c>12.0</c>).</summary>
    public static IEnumerable<byte[]> ReadByteRows(string path) =>
        Read(path, static (span, file, row, field) =>
        {
            var v = ParseDouble(span, file, row, field);
            if (v != Math.Floor(v))
            {
                throw new InvalidDataException($"{file}: row {row}, field {field}: '{span.ToString()}' is not an integer.");
            }
            if (v is < 0 or > 255)
            {
                throw new InvalidDataException($"{file}: row {row}, field {field}: {span.ToString()} is outside 0..255.");
            }
            return (byte)v;
        });

    private delegate T FieldParser<T>(ReadOnlySpan<char> text, string file, long row, int field);

    private static IEnumerable<T[]> Read<T>(string path, FieldParser<T> parse)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found.", path);
        }
        return Iterate(path, parse);
    }

    private static IEnumerable<T[]> Iterate<T>(string path, FieldParser<T> parse)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var width = -1;
        long row = 0;
        long blankSince = 0;
        var buffer = new List<T>();
        while (reader.ReadLine() is { } line)
        {
            row++;
            if (string.IsNullOrWhiteSpace(line))
            {
                if (blankSince == 0)
                {
                    blankSince = row;
                }
                continue;
            }
            if (blankSince != 0)
            {
                throw new InvalidDataException($"{path}: row {blankSince} is empty.");
            }
            buffer.Clear();
            var rest = line.AsSpan();
            var field = 0;
            while (true)
            {
                field++;
                var comma = rest.IndexOf(',');
                var text = (comma < 0 ? rest : rest[..comma]).Trim();
                buffer.Add(parse(text, path, row, field));
                if (comma < 0)
                {
                    break;
                }
                rest = rest[(comma + 1)..];
            }
            if (width < 0)
            {
                width = buffer.Count;
            }
            else if (buffer.Count != width)
            {
                throw new InvalidDataException(
                    $"{path}: row {row} has {buffer.Count} values, expected {width} (the width of row 1).");
            }
            yield return buffer.ToArray();
        }
        if (width < 0)
        {
            throw new InvalidDataException($"{path}: the file has no rows.");
        }
    }

    private static double ParseDouble(ReadOnlySpan<char> text, string file, long row, int field)
    {
        if (text.IsEmpty)
        {
            throw new InvalidDataException($"{file}: row {row}, field {field} is empty.");
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            throw new InvalidDataException($"{file}: row {row}, field {field}: '{text.ToString()}' is not a number.");
        }
        if (!double.IsFinite(v))
        {
            throw new InvalidDataException($"{file}: row {row}, field {field}: '{text.ToString()}' is not a finite number.");
        }
        return v;
    }
}
