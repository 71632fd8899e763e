namespace QGan.MLNet.Transforms.Evaluation;

/// <summary>
/// First and second moments of one feature set: sample count, mean and unbiased (N-1) covariance, in float64.
/// This is all the Fréchet distance needs, so large sets can be streamed into a <see cref="MomentAccumulator"/>
/// and compared later without keeping the features.
/// </summary>
public sealed class GaussianMoments
{
    private readonly double[] _mean;
    private readonly double[] _covariance;

    internal GaussianMoments(string setName, long count, double[] mean, double[] covariance)
    {
        SetName = setName;
        Count = count;
        _mean = mean;
        _covariance = covariance;
    }

    /// <summary>Name of the set the moments were computed from (used in messages).</summary>
    public string SetName { get; }

    /// <summary>Number of samples.</summary>
    public long Count { get; }

    /// <summary>Feature dimension d.</summary>
    public int Dimension => _mean.Length;

    /// <summary>Mean vector (length d).</summary>
    public ReadOnlySpan<double> Mean => _mean;

    /// <summary>Covariance (d x d, row-major, symmetric), normalised by N-1 like <c>numpy.cov</c>.</summary>
    public ReadOnlySpan<double> Covariance => _covariance;

    /// <summary>True when the covariance is necessarily singular (N-1 &lt; d).</summary>
    public bool IsRankDeficient => Count - 1 < Dimension;

    internal double[] MeanArray => _mean;

    internal double[] CovarianceArray => _covariance;

    /// <summary>Moments of a set given as rows (e.g. the features of one CSV file).</summary>
    public static GaussianMoments FromRows(IEnumerable<double[]> rows, string setName = "set")
    {
        ArgumentNullException.ThrowIfNull(rows);
        MomentAccumulator? acc = null;
        foreach (var row in rows)
        {
            acc ??= new MomentAccumulator(row.Length, setName);
            acc.Add(row);
        }
        return (acc ?? throw new ArgumentException($"{setName}: no samples.", nameof(rows))).ToMoments();
    }

    /// <inheritdoc cref="FromRows(IEnumerable{double[]}, string)"/>
    public static GaussianMoments FromRows(IEnumerable<float[]> rows, string setName = "set")
    {
        ArgumentNullException.ThrowIfNull(rows);
        MomentAccumulator? acc = null;
        foreach (var row in rows)
        {
            acc ??= new MomentAccumulator(row.Length, setName);
            acc.Add(row);
        }
        return (acc ?? throw new ArgumentException($"{setName}: no samples.", nameof(rows))).ToMoments();
    }
}
