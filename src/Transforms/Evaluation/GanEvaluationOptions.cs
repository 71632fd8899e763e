namespace QGan.MLNet.Transforms.Evaluation;

/// <summary>Options of <see cref="GanEvaluatorCatalog.Evaluate"/>.</summary>
public sealed record GanEvaluationOptions
{
    /// <summary>Spaces to compare in (default: the pixel space of the <c>Image</c> column).</summary>
    public IReadOnlyList<FeatureSpace> Spaces { get; init; } = [FeatureSpace.Pixel()];

    public bool ComputeFid { get; init; } = true;

    public bool ComputeJsd { get; init; } = true;

    /// <summary>Bins per dimension of the continuous-feature JSD (equal width over the pooled min..max).</summary>
    public int FeatureJsdBins { get; init; } = FeatureHistogramJsd.DefaultBins;

    /// <summary>Name of the first set in messages and warnings.</summary>
    public string RealSetName { get; init; } = "real";

    /// <summary>Name of the second set in messages and warnings.</summary>
    public string GeneratedSetName { get; init; } = "generated";
}
