namespace QGan.MLNet.Transforms.Evaluation;

/// <summary>Options of <c>mlContext.QGan().Evaluators.Evaluate</c>.</summary>
public sealed record GanEvaluationOptions
{
    /// <summary>Spaces to compare in (default: the pixel space of the <c>Image</c> column).</summary>
    public IReadOnlyList<FeatureSpace> Spaces { get; init; } = [FeatureSpace.Pixel()];

    /// <summary>Compute the FID in every space (default true).</summary>
    public bool ComputeFid { get; init; } = true;

    /// <summary>Compute the JSD in every space (default true).</summary>
    public bool ComputeJsd { get; init; } = true;

    /// <summary>Bins per dimension of the continuous-feature JSD (equal width over the pooled min..max).</summary>
    public int FeatureJsdBins { get; init; } = FeatureHistogramJsd.DefaultBins;

    /// <summary>Name of the first set in messages and warnings.</summary>
    public string RealSetName { get; init; } = "real";

    /// <summary>Name of the second set in messages and warnings.</summary>
    public string GeneratedSetName { get; init; } = "generated";
}
