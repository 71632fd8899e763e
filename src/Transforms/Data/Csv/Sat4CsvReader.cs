using QGan.MLNet.Transforms.Csv;

namespace QGan.MLNet.Transforms.Data.Csv;

/// <summary>
/// Reads the Kaggle CSV form of SAT-4: <c>X_{split}.csv</c> holds one patch per row, 3136 integers 0..255 (the
/// (28, 28, 4) patch flattened row-major, channels last), and <c>y_{split}.csv</c> beside it one one-hot row of 4 per
/// patch; no headers; both read by <see cref="NumericCsv"/> (its rules for pixel values: integers 0..255). Labels are
/// read first so the byte store is allocated once at its final size and X rows stream straight into it (transposed to
/// CHW), with no second copy of the pixels.
/// </summary>
public static class Sat4CsvReader
{
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
        var oneHot = new double[Sat4Schema.ClassCount];
        NumericCsv.ForEachByteRow(yPath, Sat4Schema.ClassCount, "one-hot label", (line, row) =>
        {
            for (var k = 0; k < row.Length; k++)
            {
                oneHot[k] = row[k];
            }
            labels.Add(OneHot.Decode(oneHot) ?? throw DataErrors.Invalid(yPath, DataErrors.Row(line),
                $"labels [{string.Join(", ", row.ToArray())}] are not one-hot"));
        });
        return labels.ToArray();
    }

    private static byte[] ReadPixels(string xPath, string yPath, int expectedRows)
    {
        if ((long)expectedRows * Sat4Schema.PixelCount > Array.MaxLength)
        {
            throw DataErrors.Invalid(yPath, "labels", $"{expectedRows} patches exceed the largest single byte store");
        }
        var pixels = new byte[expectedRows * Sat4Schema.PixelCount];
        var rows = 0;
        long lastLine = 0;
        NumericCsv.ForEachByteRow(xPath, Sat4Schema.PixelCount, "28x28x4", (line, hwc) =>
        {
            if (rows == expectedRows)
            {
                throw DataErrors.Invalid(xPath, DataErrors.Row(line), $"more pixel rows than the {expectedRows} label rows of {Path.GetFileName(yPath)}");
            }
            Sat4Layouts.HwcToChw(hwc, pixels.AsSpan(rows * Sat4Schema.PixelCount, Sat4Schema.PixelCount));
            rows++;
            lastLine = line;
        });
        if (rows != expectedRows)
        {
            throw DataErrors.Invalid(xPath, DataErrors.Row(lastLine + 1),
                $"file ends after {rows} pixel rows but {Path.GetFileName(yPath)} has {expectedRows} label rows");
        }
        return pixels;
    }
}
