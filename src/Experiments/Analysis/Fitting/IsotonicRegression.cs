namespace QGan.MLNet.Experiments.Analysis;

/// <summary>
/// Weighted least-squares non-increasing fit (isotonic regression, pool-adjacent-violators algorithm; Barlow et al.
/// 1972): the step function ŷ(x) with ŷ non-increasing in x that minimises Σ w (y - ŷ(x))². Observations at the same x
/// share one fitted value. It assumes nothing about the curve's shape beyond "more capacity never hurts".
/// </summary>
public static class IsotonicRegression
{
    /// <summary>One distinct x with its fitted value and the total weight of its observations.</summary>
    public readonly record struct Level(double X, double Fitted, double Weight);

    /// <summary>The non-increasing fit at every distinct x, ascending in x.</summary>
    public static IReadOnlyList<Level> NonIncreasing(IReadOnlyList<(double X, double Y)> points, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (weights is not null && weights.Count != points.Count)
        {
            throw new ArgumentException($"{points.Count} points but {weights.Count} weights");
        }
        // Distinct x first: their weighted means are the starting blocks.
        var groups = points
            .Select((p, i) => (p.X, p.Y, W: weights?[i] ?? 1.0))
            .GroupBy(p => p.X)
            .OrderBy(g => g.Key)
            .Select(g => (X: g.Key, W: g.Sum(p => p.W), Mean: g.Sum(p => p.W * p.Y) / g.Sum(p => p.W)))
            .ToList();
        // Blocks as (mean, weight, count of distinct x); merge while a block's mean exceeds its predecessor's.
        var means = new List<double>();
        var blockWeights = new List<double>();
        var sizes = new List<int>();
        foreach (var g in groups)
        {
            means.Add(g.Mean);
            blockWeights.Add(g.W);
            sizes.Add(1);
            while (means.Count > 1 && means[^1] > means[^2])
            {
                double w = blockWeights[^1] + blockWeights[^2];
                double m = (means[^1] * blockWeights[^1] + means[^2] * blockWeights[^2]) / w;
                int size = sizes[^1] + sizes[^2];
                means.RemoveAt(means.Count - 1);
                blockWeights.RemoveAt(blockWeights.Count - 1);
                sizes.RemoveAt(sizes.Count - 1);
                means[^1] = m;
                blockWeights[^1] = w;
                sizes[^1] = size;
            }
        }
        var levels = new List<Level>(groups.Count);
        int k = 0;
        for (int b = 0; b < means.Count; b++)
        {
            for (int j = 0; j < sizes[b]; j++, k++)
            {
                levels.Add(new Level(groups[k].X, means[b], groups[k].W));
            }
        }
        return levels;
    }

    /// <summary>
    /// The smallest x at which the piecewise-linear interpolation of a non-increasing fit reaches <paramref name="target"/>
    /// or less: null when even the last level stays above it; the first x when the first level is already at or below it.
    /// </summary>
    public static double? FirstReaching(IReadOnlyList<Level> levels, double target)
    {
        ArgumentNullException.ThrowIfNull(levels);
        for (int i = 0; i < levels.Count; i++)
        {
            if (levels[i].Fitted <= target)
            {
                if (i == 0)
                {
                    return levels[0].X;
                }
                var lo = levels[i - 1];
                var hi = levels[i];
                double t = (lo.Fitted - target) / (lo.Fitted - hi.Fitted); // lo.Fitted > target >= hi.Fitted, so t in (0, 1]
                return lo.X + t * (hi.X - lo.X);
            }
        }
        return null;
    }
}
