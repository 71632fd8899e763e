namespace QGan.MLNet.Trainers.Experiments;

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
    public const string Quantum = "quantum";
    public const string Classical = "classical";
}
