using QGan.MLNet.Transforms.Sampling;
using System.Globalization;
using System.Text;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Transforms.Evaluation;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Trainers.Hardware;

/// <summary>
/// The generator's input noise for hardware runs: K standard-normal vectors drawn exactly as <c>qgan sample</c>
/// draws them (same seed, same vectors), and their CSV form (<c>noise.csv</c>: header-less, one vector per row,
/// shortest round-trip numbers, so the exported circuits and a later import see bit-identical values).
/// </summary>
public static class NoiseVectors
{
    /// <summary><paramref name="count"/> standard normal noise vectors of <paramref name="dimension"/> values, reproducible from <paramref name="seed"/>.</summary>
    public static double[][] Draw(int count, int dimension, long seed)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "count must be >= 1");
        }
        var values = new float[checked(count * dimension)];
        new SamplingRng(unchecked((ulong)seed)).FillNormal(values);
        var rows = new double[count][];
        for (int r = 0; r < count; r++)
        {
            rows[r] = new double[dimension];
            for (int d = 0; d < dimension; d++)
            {
                rows[r][d] = values[r * dimension + d];
            }
        }
        return rows;
    }

    /// <summary>The vectors as header-less CSV text.</summary>
    public static string ToCsv(IReadOnlyList<double[]> rows)
    {
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            sb.AppendJoin(',', row.Select(v => v.ToString("R", CultureInfo.InvariantCulture))).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Writes the vectors as header-less CSV, atomically.</summary>
    public static void Write(string path, IReadOnlyList<double[]> rows) => AtomicFile.WriteAllText(path, ToCsv(rows));

    /// <summary>Reads <c>noise.csv</c>; errors name the file, row and field.</summary>
    public static double[][] Read(string path, int dimension)
    {
        var rows = NumericCsv.ReadRows(path).ToArray();
        if (rows.Length == 0)
        {
            throw new InvalidDataException($"{path}: no noise vectors");
        }
        for (int r = 0; r < rows.Length; r++)
        {
            if (rows[r].Length != dimension)
            {
                throw new InvalidDataException($"{path}: row {r} has {rows[r].Length} values, the generator takes {dimension}");
            }
            for (int d = 0; d < dimension; d++)
            {
                if (!double.IsFinite(rows[r][d]))
                {
                    throw new InvalidDataException($"{path}: row {r}, field {d} is not a finite number");
                }
            }
        }
        return rows;
    }

    /// <summary>Latent rows as CSV (float precision, shortest round-trip), one row per sample.</summary>
    public static string LatentsCsv(IReadOnlyList<double[]> rows)
    {
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            sb.AppendJoin(',', row.Select(v => ((float)v).ToString("R", CultureInfo.InvariantCulture))).Append('\n');
        }
        return sb.ToString();
    }
}
