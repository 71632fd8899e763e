using System.Globalization;
using System.Text;
using CsvHelper;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Transforms.Csv;

/// <summary>
/// The project's one reader and writer of numeric CSV files: feature vectors (<c>eval fid</c>), latents
/// (<c>encode</c>/<c>decode</c>), generator noise (<c>generate</c>, <c>export-qasm</c>), pixel rows (<c>eval jsd</c>,
/// <c>eval features</c>, Kaggle SAT-4 <c>X_*.csv</c>/<c>y_*.csv</c>). Built on CsvHelper 34 (SIMD, UTF-8; measured
/// faster than Sep 0.18 on these files, see docs/evaluation.md). One rule set, documented in docs/data.md:
/// <list type="bullet">
/// <item>no header; one sample per line; values separated by commas; UTF-8 (a byte-order mark is allowed); lines end
/// with LF or CRLF;</item>
/// <item>every row has the same number of values: the expected width when the caller knows it, else that of the first
/// row;</item>
/// <item>blank lines (empty or only spaces/tabs) may end the file; a blank line followed by more data is an error;</item>
/// <item>spaces and tabs around a value are ignored; quotes are not (a quoted value is not a number);</item>
/// <item>numbers: invariant culture, optional sign, digits with an optional <c>.</c> fraction, optional exponent
/// (<c>-3e-2</c>); no thousands separators; NaN and infinities (also an overflowing <c>1e400</c>) are refused;</item>
/// <item>pixel values: integers 0..255, written <c>12</c> or <c>12.0</c> (an all-zero fraction); no exponent;</item>
/// <item>a file without any row is an error.</item>
/// </list>
/// Every problem is an <see cref="InvalidDataException"/> <c>"{file}: row R, column C: {problem}"</c> with 1-based
/// line numbers (blank lines count) and columns. Readers stream: rows are parsed as they are consumed. The writer
/// emits the shortest text that reads back bit for bit (<c>"R"</c>), LF line ends, no BOM, atomically.
/// </summary>
public static class NumericCsv
{
    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with
    {
        HasHeader = false,
        Separator = ',',
        Mode = CsvMode.NoEscape,
        SkipEmptyLines = false,
        DetectSeparatorHint = false,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>Receives one parsed row: its 1-based line number and its values (valid only during the call).</summary>
    public delegate void RowAction<T>(long line, ReadOnlySpan<T> values);

    /// <summary>Rows of finite doubles.</summary>
    public static IEnumerable<double[]> ReadRows(string path, int? width = null, string? widthMeaning = null) =>
        Rows(path, width, widthMeaning, NumericField.Double);

    /// <summary>Rows of finite floats (parsed as float, so values written by <see cref="Write(string, IEnumerable{float[]})"/> read back bit for bit).</summary>
    public static IEnumerable<float[]> ReadFloatRows(string path, int? width = null, string? widthMeaning = null) =>
        Rows(path, width, widthMeaning, NumericField.Float);

    /// <summary>Rows of 8-bit intensities (integers 0..255).</summary>
    public static IEnumerable<byte[]> ReadByteRows(string path, int? width = null, string? widthMeaning = null) =>
        Rows(path, width, widthMeaning, NumericField.Byte);

    /// <summary>
    /// Streams every row of 8-bit intensities into <paramref name="action"/> without allocating per row; returns the
    /// number of rows. (The Kaggle SAT-4 reader uses it to fill its byte store in place.)
    /// </summary>
    public static int ForEachByteRow(string path, int width, string? widthMeaning, RowAction<byte> action)
    {
        CheckFile(path);
        ArgumentNullException.ThrowIfNull(action);
        return Read(path, width, widthMeaning, NumericField.Byte, action);
    }

    /// <summary>Writes <paramref name="rows"/> as header-less CSV (shortest round-trip floats), atomically.</summary>
    public static void Write(string path, IEnumerable<float[]> rows) =>
        AtomicFile.Write(path, stream => Write(stream, rows, static (v, buffer) => v.TryFormat(buffer, out var n, "R", CultureInfo.InvariantCulture) ? n : -1));

    /// <summary>Writes <paramref name="rows"/> as header-less CSV (shortest round-trip doubles), atomically.</summary>
    public static void Write(string path, IEnumerable<double[]> rows) =>
        AtomicFile.Write(path, stream => Write(stream, rows, static (v, buffer) => v.TryFormat(buffer, out var n, "R", CultureInfo.InvariantCulture) ? n : -1));

    /// <summary>Writes <paramref name="rows"/> of intensities as header-less CSV, atomically.</summary>
    public static void Write(string path, IEnumerable<byte[]> rows) =>
        AtomicFile.Write(path, stream => Write(stream, rows, static (v, buffer) => v.TryFormat(buffer, out var n, default, CultureInfo.InvariantCulture) ? n : -1));

    /// <summary>The CSV text of <paramref name="rows"/> (for files assembled in memory, such as a QASM bundle).</summary>
    public static string Format(IEnumerable<double[]> rows) =>
        Format(stream => Write(stream, rows, static (v, buffer) => v.TryFormat(buffer, out var n, "R", CultureInfo.InvariantCulture) ? n : -1));

    /// <summary>The CSV text of float <paramref name="rows"/>.</summary>
    public static string Format(IEnumerable<float[]> rows) =>
        Format(stream => Write(stream, rows, static (v, buffer) => v.TryFormat(buffer, out var n, "R", CultureInfo.InvariantCulture) ? n : -1));

    private static string Format(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private delegate int Formatter<T>(T value, Span<char> buffer);

    private static void Write<T>(Stream stream, IEnumerable<T[]> rows, Formatter<T> format)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        Span<char> buffer = stackalloc char[40];
        foreach (var row in rows)
        {
            for (var k = 0; k < row.Length; k++)
            {
                if (k > 0)
                {
                    writer.Write(',');
                }
                var n = format(row[k], buffer);
                if (n < 0)
                {
                    throw new InvalidOperationException($"value {row[k]} does not fit the format buffer");
                }
                writer.Write(buffer[..n]);
            }
            writer.Write('\n');
        }
    }

    private static IEnumerable<T[]> Rows<T>(string path, int? width, string? widthMeaning, NumericField.Parser<T> parse)
    {
        CheckFile(path);
        if (width is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "the expected width must be at least 1");
        }
        return Iterate(path, width, widthMeaning, parse);
    }

    private static IEnumerable<T[]> Iterate<T>(string path, int? width, string? widthMeaning, NumericField.Parser<T> parse)
    {
        // An iterator cannot hold a span across yields, so rows are parsed into an array each.
        using var csv = CsvReader.FromFile(path, Options, FileOptions.SequentialScan);
        var cursor = new Cursor<T>(path, width, widthMeaning, parse);
        while (cursor.Next(csv) is { } row)
        {
            yield return row.ToArray();
        }
        cursor.Finish();
    }

    private static int Read<T>(string path, int width, string? widthMeaning, NumericField.Parser<T> parse, RowAction<T> action)
    {
        using var csv = CsvReader.FromFile(path, Options, FileOptions.SequentialScan);
        var cursor = new Cursor<T>(path, width, widthMeaning, parse);
        var rows = 0;
        while (cursor.Next(csv) is { } row)
        {
            action(csv.RowNumber, row);
            rows++;
        }
        cursor.Finish();
        return rows;
    }

    private static void CheckFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found.", path);
        }
    }

    /// <summary>The rule set applied row by row: width, blank lines, fields.</summary>
    private sealed class Cursor<T>(string path, int? width, string? widthMeaning, NumericField.Parser<T> parse)
    {
        private T[] _values = width is { } w ? new T[w] : [];
        private int _width = width ?? -1;
        private long _blankSince;
        private long _rows;

        /// <summary>The next data row (null at the end of the file).</summary>
        public T[]? Next(CsvReader csv)
        {
            while (ReadRecord(csv))
            {
                var line = csv.RowNumber;
                if (csv.FieldCount == 1 && NumericField.IsBlank(csv.GetSpan(0)))
                {
                    if (_blankSince == 0)
                    {
                        _blankSince = line;
                    }
                    continue;
                }
                if (_blankSince != 0)
                {
                    throw Error(_blankSince, null, "blank line inside the data (blank lines may only end the file)");
                }
                if (_width < 0)
                {
                    _width = csv.FieldCount;
                    _values = new T[_width];
                }
                else if (csv.FieldCount != _width)
                {
                    var expected = width is null ? $"{_width} (the width of the first row)" : widthMeaning is null ? $"{_width}" : $"{_width} ({widthMeaning})";
                    throw Error(line, null, $"{csv.FieldCount} values, expected {expected}");
                }
                for (var k = 0; k < _width; k++)
                {
                    if (!parse(csv, k, out _values[k], out var problem))
                    {
                        throw Error(line, k + 1, problem);
                    }
                }
                _rows++;
                return _values;
            }
            return null;
        }

        public void Finish()
        {
            if (_rows == 0)
            {
                throw new InvalidDataException($"{path}: the file has no rows.");
            }
        }

        private bool ReadRecord(CsvReader csv)
        {
            try
            {
                return csv.Read();
            }
            catch (CsvFormatException ex)
            {
                throw Error(csv.RowNumber + 1, null, ex.Message, ex);
            }
        }

        private InvalidDataException Error(long line, int? column, string problem, Exception? inner = null) =>
            new(column is { } c ? $"{path}: row {line}, column {c}: {problem}" : $"{path}: row {line}: {problem}", inner);
    }
}
