using System.Globalization;
using System.Text;
using CsvHelper;
using nietras.SeparatedValues;
using QGan.MLNet.Core.Randomness;

namespace QGan.MLNet.Benchmarks.Csv;

/// <summary>
/// The candidates for the one numeric CSV reader, each reading a header-less file of doubles into one row-major
/// array: Sep 0.18 and CsvHelper 34, serially and with their parallel row enumerations, and the former hand-written
/// reader (<c>StreamReader.ReadLine</c> + <c>double.TryParse</c>) as the baseline.
/// </summary>
internal static class NumericCsvParsers
{
    public const int Columns = 2048;

    /// <summary>Writes <paramref name="rows"/> x <see cref="Columns"/> standard-normal floats, shortest round-trip text (as the tools write features).</summary>
    public static long Write(string path, int rows)
    {
        var values = new float[Columns];
        var rng = new SeededRandom(1);
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16))
        {
            for (var r = 0; r < rows; r++)
            {
                rng.FillNormal(values);
                for (var c = 0; c < Columns; c++)
                {
                    if (c > 0)
                    {
                        writer.Write(',');
                    }
                    writer.Write(values[c].ToString("R", CultureInfo.InvariantCulture));
                }
                writer.Write('\n');
            }
        }
        return new FileInfo(path).Length;
    }

    /// <summary>The project's reader (<c>NumericCsv</c>: CsvHelper plus the documented rules and error reporting).</summary>
    public static double[] Project(string path, int rows)
    {
        var result = new double[rows * Columns];
        var r = 0;
        foreach (var row in QGan.MLNet.Transforms.Csv.NumericCsv.ReadRows(path, Columns))
        {
            row.CopyTo(result, r++ * Columns);
        }
        return result;
    }

    public static double[] HandWritten(string path, int rows)
    {
        var result = new double[rows * Columns];
        using var reader = new StreamReader(path);
        var r = 0;
        while (reader.ReadLine() is { } line)
        {
            var rest = line.AsSpan();
            for (var c = 0; c < Columns; c++)
            {
                var comma = rest.IndexOf(',');
                var text = (comma < 0 ? rest : rest[..comma]).Trim();
                result[r * Columns + c] = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                rest = comma < 0 ? [] : rest[(comma + 1)..];
            }
            r++;
        }
        return result;
    }

    public static double[] Sep(string path, int rows, int threads)
    {
        var result = new double[rows * Columns];
        using var reader = nietras.SeparatedValues.Sep.Reader(o => o with { HasHeader = false, CultureInfo = CultureInfo.InvariantCulture }).FromFile(path);
        if (threads <= 1)
        {
            var r = 0;
            foreach (var row in reader)
            {
                var target = result.AsSpan(r++ * Columns, Columns);
                for (var c = 0; c < Columns; c++)
                {
                    target[c] = row[c].Parse<double>();
                }
            }
        }
        else
        {
            var r = 0;
            foreach (var values in reader.ParallelEnumerate(row =>
            {
                var v = new double[Columns];
                for (var c = 0; c < Columns; c++)
                {
                    v[c] = row[c].Parse<double>();
                }
                return v;
            }, threads))
            {
                values.CopyTo(result.AsSpan(r++ * Columns, Columns));
            }
        }
        return result;
    }

    public static double[] CsvHelper(string path, int rows, int threads)
    {
        var result = new double[rows * Columns];
        var options = CsvReaderOptions.Default with { HasHeader = false, Separator = ',', FormatProvider = CultureInfo.InvariantCulture };
        using var csv = CsvReader.FromFile(path, options);
        if (threads <= 1)
        {
            var r = 0;
            while (csv.Read())
            {
                var target = result.AsSpan(r++ * Columns, Columns);
                for (var c = 0; c < Columns; c++)
                {
                    target[c] = csv.Parse<double>(c);
                }
            }
        }
        else
        {
            var r = 0;
            foreach (var values in csv.ParallelEnumerate(row =>
            {
                var v = new double[Columns];
                for (var c = 0; c < Columns; c++)
                {
                    v[c] = row.Parse<double>(c);
                }
                return v;
            }, threads))
            {
                values.CopyTo(result.AsSpan(r++ * Columns, Columns));
            }
        }
        return result;
    }
}
