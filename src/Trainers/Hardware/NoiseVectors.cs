using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Transforms.Csv;

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
        new SeededRandom(unchecked((ulong)seed)).FillNormal(values);
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

    /// <summary>The <c>noise.csv</c> text of <paramref name="rows"/> (<see cref="NumericCsv"/>).</summary>
    public static string ToCsv(IReadOnlyList<double[]> rows) => NumericCsv.Format(rows);

    /// <summary>Writes the vectors as <c>noise.csv</c>, atomically (<see cref="NumericCsv"/>).</summary>
    public static void Write(string path, IReadOnlyList<double[]> rows) => NumericCsv.Write(path, rows);

    /// <summary>Reads <c>noise.csv</c> (<see cref="NumericCsv"/>: errors name the file, row and column).</summary>
    public static double[][] Read(string path, int dimension) =>
        NumericCsv.ReadRows(path, dimension, "the generator's noise dimension").ToArray();

    /// <summary>Latent rows as CSV (float precision, shortest round-trip), one row per sample.</summary>
    public static string LatentsCsv(IReadOnlyList<double[]> rows) => NumericCsv.Format(rows.Select(r => r.Select(v => (float)v).ToArray()));
}
