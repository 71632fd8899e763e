namespace QGan.MLNet.Transforms.Evaluation;

/// <summary>Conditions under which a metric is still computed but should be read with care.</summary>
public static class EvaluationWarnings
{
    /// <summary>Warnings about the Gaussian fits behind an FID.</summary>
    public static IReadOnlyList<string> ForMoments(GaussianMoments a, GaussianMoments b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var warnings = new List<string>();
        foreach (var m in new[] { a, b })
        {
            if (m.IsRankDeficient)
            {
                warnings.Add(
                    $"{m.SetName}: fewer samples ({m.Count}) than feature dimensions ({m.Dimension}): " +
                    "the covariance is singular and FID is biased.");
            }
        }
        return warnings;
    }
}
