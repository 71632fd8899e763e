namespace QGan.MLNet.Transforms.Evaluation;

/// <summary>
/// Jensen-Shannon divergence for continuous features: per dimension, both sets are binned into
/// <c>bins</c> equal-width bins spanning the pooled minimum..maximum of that dimension over both sets, the
/// base-2 JSD of the two histograms is taken, and the result is averaged over dimensions.
/// </summary>
/// <remarks>
/// Bin of value v in dimension j: <c>floor((v - min_j) / (max_j - min_j) * bins)</c>, with v = max_j put in the last
/// bin. A dimension that is constant over both sets contributes 0 (both histograms are the same point mass).
/// </remarks>
public static class FeatureHistogramJsd
{
    /// <summary>Histogram bins per dimension by default.</summary>
    public const int DefaultBins = 64;

    /// <summary>Per-dimension histogram JSD of two feature sets (shared bin edges over both sets), and its mean; the set names appear in errors.</summary>
    public static FeatureJsdResult Compute(IReadOnlyList<float[]> a, IReadOnlyList<float[]> b, int bins = DefaultBins,
        string nameA = "a", string nameB = "b")
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        if (a.Count == 0 || b.Count == 0)
        {
            throw new InvalidDataException($"{(a.Count == 0 ? nameA : nameB)}: no samples.");
        }
        var dim = a[0].Length;
        var min = new double[dim];
        var max = new double[dim];
        Array.Fill(min, double.PositiveInfinity);
        Array.Fill(max, double.NegativeInfinity);
        ScanRange(a, dim, nameA, min, max);
        ScanRange(b, dim, nameB, min, max);

        var countsA = Histograms(a, dim, bins, min, max);
        var countsB = Histograms(b, dim, bins, min, max);
        var perDim = new double[dim];
        for (var j = 0; j < dim; j++)
        {
            perDim[j] = max[j] > min[j]
                ? JensenShannon.Divergence(countsA.AsSpan(j * bins, bins), countsB.AsSpan(j * bins, bins))
                : 0.0;
        }
        return new FeatureJsdResult(perDim, bins);
    }

    private static void ScanRange(IReadOnlyList<float[]> rows, int dim, string name, double[] min, double[] max)
    {
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row.Length != dim)
            {
                throw new InvalidDataException($"{name}: row {r} (0-based) has {row.Length} values, expected {dim}.");
            }
            for (var j = 0; j < dim; j++)
            {
                var v = row[j];
                if (!float.IsFinite(v))
                {
                    throw new InvalidDataException($"{name}: row {r} (0-based) has a non-finite value ({v}) at feature {j}.");
                }
                if (v < min[j])
                {
                    min[j] = v;
                }
                if (v > max[j])
                {
                    max[j] = v;
                }
            }
        }
    }

    private static long[] Histograms(IReadOnlyList<float[]> rows, int dim, int bins, double[] min, double[] max)
    {
        var counts = new long[(long)dim * bins];
        var scale = new double[dim];
        for (var j = 0; j < dim; j++)
        {
            scale[j] = max[j] > min[j] ? bins / (max[j] - min[j]) : 0.0;
        }
        foreach (var row in rows)
        {
            for (var j = 0; j < dim; j++)
            {
                var bin = (int)((row[j] - min[j]) * scale[j]);
                counts[j * bins + Math.Min(bin, bins - 1)]++;
            }
        }
        return counts;
    }
}

/// <summary>Feature-space JSD: mean over dimensions and the value of each dimension.</summary>
public sealed class FeatureJsdResult
{
    private readonly double[] _perDimension;

    internal FeatureJsdResult(double[] perDimension, int bins)
    {
        _perDimension = perDimension;
        Bins = bins;
        Mean = perDimension.Average();
    }

    /// <summary>Mean JSD over the dimensions (in bits, 0..1).</summary>
    public double Mean { get; }

    /// <summary>Histogram bins per dimension.</summary>
    public int Bins { get; }

    /// <summary>JSD of each dimension (in bits, 0..1).</summary>
    public IReadOnlyList<double> PerDimension => _perDimension;
}
