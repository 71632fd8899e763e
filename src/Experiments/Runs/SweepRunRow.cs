namespace QGan.MLNet.Experiments.Runs;

/// <summary>One row of <c>runs.csv</c>: a finished run's capacities and the statistics of its last K evaluations.</summary>
public sealed record SweepRunRow
{
    public int Index { get; init; }

    /// <summary><c>quantum</c> or <c>classical</c>.</summary>
    public required string GeneratorKind { get; init; }

    public int? Qubits { get; init; }

    public int? Layers { get; init; }

    public int? GeneratorWidth { get; init; }

    public int? GeneratorDepth { get; init; }

    public int CriticWidth { get; init; }

    public int CriticDepth { get; init; }

    public long Seed { get; init; }

    public long GeneratorParams { get; init; }

    public long CriticParams { get; init; }

    /// <summary><c>completed</c> or <c>diverged</c>.</summary>
    public required string Status { get; init; }

    public int Iterations { get; init; }

    /// <summary>Mean latent FID over the last K evaluations.</summary>
    public double? Fid { get; init; }

    /// <summary>(max - min) / mean of the last K FIDs.</summary>
    public double? FidSpread { get; init; }

    /// <summary>Largest |Wasserstein estimate| over the last K metrics rows.</summary>
    public double? MaxAbsWasserstein { get; init; }

    /// <summary>Mean latent JSD over the last K evaluations.</summary>
    public double? Jsd { get; init; }

    /// <summary>FID evaluations in the run's metrics.csv.</summary>
    public int Evaluations { get; init; }

    // Optional columns (docs/sweep.md, "runs.csv"): empty on output and missing on input both mean "unknown".

    /// <summary>Why a crashed run stopped (the exception's type and message); null otherwise.</summary>
    public string? Error { get; init; }

    /// <summary>Name of the autoencoder whose latent space the run trained in (studies with several autoencoders).</summary>
    public string? Autoencoder { get; init; }

    /// <summary>Generator learning rate the run used.</summary>
    public double? GeneratorLr { get; init; }

    /// <summary>Critic learning rate the run used.</summary>
    public double? CriticLr { get; init; }

    /// <summary>True when early stopping found an FID plateau; false when the iteration budget ran out first.</summary>
    public bool? Converged { get; init; }

    /// <summary><c>plateau</c>, <c>budget</c>, <c>diverged</c> or <c>crashed</c>.</summary>
    public string? StopReason { get; init; }

    /// <summary>Iteration of the generator whose quality is reported (early stopping keeps the best one).</summary>
    public int? BestIteration { get; init; }

    /// <summary>Latent FID on the validation split (used to pick a cell's learning rate; never the reported FID).</summary>
    public double? ValidationFid { get; init; }

    /// <summary>FID in the feature space (the SAT-4 feature network or a user's ONNX model) at the end.</summary>
    public double? FeatureFid { get; init; }

    /// <summary>JSD in the feature space at the end.</summary>
    public double? FeatureJsd { get; init; }

    /// <summary>Pixel-space FID of the decoded images at the end.</summary>
    public double? PixelFid { get; init; }

    /// <summary>Pixel-space JSD of the decoded images at the end.</summary>
    public double? PixelJsd { get; init; }

    /// <summary>FID-infinity (Chong &amp; Forsyth 2020): the latent FID extrapolated to infinitely many samples.</summary>
    public double? FidInfinity { get; init; }

    /// <summary>Samples per set behind the reported FIDs (real and generated alike).</summary>
    public int? EvalSamples { get; init; }

    /// <summary>Mean wall-clock training seconds per generator iteration (critic steps included).</summary>
    public double? SecondsPerIteration { get; init; }

    /// <summary>Generator inference seconds per sample (simulator or MLP, one thread).</summary>
    public double? InferenceSecondsPerSample { get; init; }

    /// <summary>Least-squares change of the last K latent FIDs across the window (slope per evaluation x (K - 1)).</summary>
    public double? FidTrend { get; init; }

    /// <summary>Standard deviation of the last K latent FIDs about their least-squares line (K - 2 degrees of freedom; K >= 3).</summary>
    public double? FidResidualSd { get; init; }

    public bool IsQuantum => GeneratorKind == SweepRunStatus.Quantum;

    /// <summary>Key of the generator capacity (kind + layers or width), shared by all critic widths and seeds.</summary>
    public string GeneratorKey => IsQuantum ? $"quantum:{Layers}" : $"classical:{GeneratorWidth}";

    public string GeneratorLabel => IsQuantum ? $"quantum L={Layers}" : $"classical w={GeneratorWidth}";
}

/// <summary>String constants of the sweep files.</summary>
public static class SweepRunStatus
{
    public const string Completed = "completed";
    public const string Diverged = "diverged";
    public const string Crashed = "crashed";
    public const string Quantum = "quantum";
    public const string Classical = "classical";
}
