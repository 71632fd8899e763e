namespace QGan.MLNet.Transforms.Evaluation;

/// <summary>Result of <c>mlContext.QGan().Evaluators.Evaluate</c>: metrics per feature space (immutable).</summary>
public sealed class GanEvaluationMetrics
{
    private readonly FeatureSpaceMetrics[] _spaces;

    internal GanEvaluationMetrics(IEnumerable<FeatureSpaceMetrics> spaces)
    {
        _spaces = [.. spaces];
        Warnings = _spaces.SelectMany(s => s.Warnings.Select(w => $"{s.Name}: {w}")).ToArray();
    }

    /// <summary>The metrics of each feature space, in the order requested.</summary>
    public IReadOnlyList<FeatureSpaceMetrics> Spaces => _spaces;

    /// <summary>All warnings, each prefixed with its space.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The metrics of the space named <paramref name="name"/>.</summary>
    public FeatureSpaceMetrics this[string name] =>
        _spaces.FirstOrDefault(s => s.Name == name)
        ?? throw new KeyNotFoundException($"No feature space '{name}' (have: {string.Join(", ", _spaces.Select(s => s.Name))}).");

    /// <inheritdoc/>
    public override string ToString() => string.Join(Environment.NewLine, _spaces.Select(s => s.ToString()));
}

/// <summary>FID and JSD of one feature space, with the sample counts and the feature dimension.</summary>
public sealed class FeatureSpaceMetrics
{
    private readonly double[] _jsdComponents;
    private readonly string[] _warnings;

    internal FeatureSpaceMetrics(string name, FeatureSpaceKind kind, int dimension, long realCount, long generatedCount,
        FrechetDistanceResult? fid, double? jsd, double[]? jsdComponents, IEnumerable<string> warnings)
    {
        Name = name;
        Kind = kind;
        Dimension = dimension;
        RealCount = realCount;
        GeneratedCount = generatedCount;
        FidDetails = fid;
        Jsd = jsd;
        _jsdComponents = jsdComponents ?? [];
        _warnings = [.. warnings];
    }

    /// <summary>The space's name (e.g. latent, pixel).</summary>
    public string Name { get; }

    /// <summary>How the space was compared.</summary>
    public FeatureSpaceKind Kind { get; }

    /// <summary>Feature dimension (3136 for SAT-4 pixels, 24 for latents, 2048 for Inception).</summary>
    public int Dimension { get; }

    /// <summary>Real samples compared.</summary>
    public long RealCount { get; }

    /// <summary>Generated samples compared.</summary>
    public long GeneratedCount { get; }

    /// <summary>Fréchet distance, or null when not computed.</summary>
    public double? Fid => FidDetails?.Value;

    /// <summary>The terms of the Fréchet distance.</summary>
    public FrechetDistanceResult? FidDetails { get; }

    /// <summary>Mean JSD (over bands for pixels, over dimensions for continuous features), or null when not computed.</summary>
    public double? Jsd { get; }

    /// <summary>JSD per band (pixel space) or per dimension (continuous features).</summary>
    public IReadOnlyList<double> JsdComponents => _jsdComponents;

    /// <summary>Conditions that make the numbers less reliable (e.g. fewer samples than dimensions).</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name}: FID={Fid?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, " +
        $"JSD={Jsd?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, d={Dimension}, " +
        $"n={RealCount}/{GeneratedCount}";
}
