using CsvHelper;

namespace QGan.MLNet.Transforms.Data.Csv;

/// <summary>
/// Reads the Kaggle CSV form of SAT-4: <c>X_{split}.csv</c> holds one patch per row, 3136 integers 0..255 (the
/// (28, 28, 4) patch flattened row-major, channels last), and <c>y_{split}.csv</c> beside it one one-hot row of 4 per
/// patch; no headers. Labels are read first so the byte store is allocated once at its final size and X rows stream
/// straight into it (transposed to CHW), with no second copy of the pixels.
/// </summary>
public static class Sat4CsvReader
{
    private static readonly CsvReaderOptions _options = CsvReaderOptions.Default with { HasHeader = false, Separator = ',' };

    /// <summary>Reads <paramref name="xPath"/> and the <c>y_*.csv</c> beside it as one split named by <see cref="SplitNameFor"/>.</summary>
    public static Sat4DataSet Read(string xPath)
    {
        var split = ReadSplit(xPath, LabelPathFor(xPath), SplitNameFor(xPath));
        return new Sat4DataSet([split], null, "Kaggle CSV");
    }

    /// <summary>Reads one split from the Kaggle CSV pair (X: 3136 values per row in HWC order, y: one-hot labels); errors name the file, the row and the column.</summary>
    public static Sat4Split ReadSplit(string xPath, string yPath, string splitName)
    {
        ArgumentException.ThrowIfNullOrEmpty(xPath);
        ArgumentException.ThrowIfNullOrEmpty(yPath);
        if (!File.Exists(xPath))
        {
            throw new FileNotFoundException($"{xPath}: file not found.", xPath);
        }
        if (!File.Exists(yPath))
        {
            throw new FileNotFoundException($"{yPath}: label file not found (expected beside {Path.GetFileName(xPath)}).", yPath);
        }
        var labels = ReadLabels(yPath);
        var pixels = ReadPixels(xPath, yPath, labels.Length);
        return new Sat4Split(splitName, pixels, labels);
    }

    /// <summary><c>X_foo.csv</c> -> <c>y_foo.csv</c> in the same folder.</summary>
    public static string LabelPathFor(string xPath)
    {
        var name = Path.GetFileName(xPath);
        if (!name.StartsWith("X_", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"{xPath}: a Kaggle SAT-4 pixel file is named X_<name>.csv (its labels are y_<name>.csv).");
        }
        return Path.Combine(Path.GetDirectoryName(xPath) ?? "", "y_" + name[2..]);
    }

    /// <summary><c>X_train...</c> -> <c>train</c>, <c>X_test...</c> -> <c>test</c>, anything else -> <c>train</c>.</summary>
    public static string SplitNameFor(string xPath)
    {
        var name = Path.GetFileNameWithoutExtension(xPath);
        var stem = name.StartsWith("X_", StringComparison.OrdinalIgnoreCase) ? name[2..] : name;
        return stem.StartsWith(Sat4Schema.TestSplit, StringComparison.OrdinalIgnoreCase) ? Sat4Schema.TestSplit : Sat4Schema.TrainSplit;
    }

    private static int[] ReadLabels(string yPath)
    {
        var labels = new List<int>();
        using var csv = CsvReader.Create(Open(yPath), _options, leaveOpen: false);
        Span<double> row = stackalloc double[Sat4Schema.ClassCount];
        while (Read(csv, yPath))
        {
            var where = DataErrors.Row(csv.RowNumber);
            if (csv.FieldCount != Sat4Schema.ClassCount)
            {
                throw DataErrors.Invalid(yPath, where, $"{csv.FieldCount} values, expected {Sat4Schema.ClassCount} (one-hot label)");
            }
            for (var k = 0; k < Sat4Schema.ClassCount; k++)
            {
                var field = csv.GetSpan(k);
                if (!AsciiIntegers.TryParse(field, out var value))
                {
                    throw DataErrors.Invalid(yPath, where, $"column {k + 1}: '{AsciiIntegers.Show(field)}' is not an integer");
                }
                row[k] = value;
            }
            labels.Add(OneHot.Decode(row) ?? throw DataErrors.Invalid(yPath, where,
                $"labels [{string.Join(", ", row.ToArray())}] are not one-hot"));
        }
        return labels.ToArray();
    }

    private static byte[] ReadPixels(string xPath, string yPath, int expectedRows)
    {
        if ((long)expectedRows * Sat4Schema.PixelCount > Array.MaxLength)
        {
            throw DataErrors.Invalid(yPath, "labels", $"{expectedRows} patches exceed the largest single byte store");
        }
        var pixels = new byte[expectedRows * Sat4Schema.PixelCount];
        var hwc = new byte[Sat4Schema.PixelCount];
        using var csv = CsvReader.Create(Open(xPath), _options, leaveOpen: false);
        var rows = 0;
        while (Read(csv, xPath))
        {
            var where = DataErrors.Row(csv.RowNumber);
            if (rows == expectedRows)
            {
                throw DataErrors.Invalid(xPath, where, $"more pixel rows than the {expectedRows} label rows of {Path.GetFileName(yPath)}");
            }
            if (csv.FieldCount != Sat4Schema.PixelCount)
            {
                throw DataErrors.Invalid(xPath, where, $"{csv.FieldCount} values, expected {Sat4Schema.PixelCount} (28x28x4)");
            }
            for (var k = 0; k < Sat4Schema.PixelCount; k++)
            {
                var field = csv.GetSpan(k);
                if (!AsciiIntegers.TryParse(field, out var value))
                {
                    throw DataErrors.Invalid(xPath, where, $"column {k + 1}: '{AsciiIntegers.Show(field)}' is not an integer");
                }
                if (value is < 0 or > 255)
                {
                    throw DataErrors.Invalid(xPath, where, $"column {k + 1}: value {value} is outside 0..255");
                }
                hwc[k] = (byte)value;
            }
            Sat4Layouts.HwcToChw(hwc, pixels.AsSpan(rows * Sat4Schema.PixelCount, Sat4Schema.PixelCount));
            rows++;
        }
        if (rows != expectedRows)
        {
            throw DataErrors.Invalid(xPath, DataErrors.Row(rows + 1),
                $"file ends after {rows} pixel rows but {Path.GetFileName(yPath)} has {expectedRows} label rows");
        }
        return pixels;
    }

    private static bool Read(CsvReader csv, string file)
    {
        try
        {
            return csv.Read();
        }
        catch (CsvFormatException ex)
        {
            throw DataErrors.Invalid(file, DataErrors.Row(csv.RowNumber + 1), ex.Message, ex);
        }
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
}
