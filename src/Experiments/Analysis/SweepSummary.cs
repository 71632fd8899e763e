using System.Text.Json;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Experiments.Analysis;

/// <summary>Contents of <c>DIR/summary.json</c> (docs/sweep.md, "Analysis").</summary>
public sealed record SweepSummary
{
    public const string FileName = "summary.json";
    public const string CurrentFormat = "qgan-sweep-summary/1";

    public string Format { get; init; } = CurrentFormat;

    /// <summary>True when some runs of the grid have not finished; the analysis then uses the finished ones.</summary>
    public bool Partial { get; init; }

    public required SweepCounts Counts { get; init; }

    /// <summary>Runs whose last attempt crashed (not finished; the next sweep retries them), with the cause.</summary>
    public IReadOnlyList<CrashedRun> Crashed { get; init; } = [];

    public required SweepAnalysisSettings Analysis { get; init; }

    public required IReadOnlyList<GeneratorCapacityResult> Generators { get; init; }

    public required IReadOnlyList<CapacityMatch> Matching { get; init; }

    public required ScalingFits Fits { get; init; }

    /// <summary>Optimal critic parameters per generator capacity.</summary>
    public required IReadOnlyList<CriticScalingPoint> CriticScaling { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, SweepJson.Options) + "\n";

    public static SweepSummary FromJson(string json, string source)
    {
        try
        {
            var summary = JsonSerializer.Deserialize<SweepSummary>(json, SweepJson.Options);
            if (summary is null || summary.Format != CurrentFormat)
            {
                throw new InvalidDataException($"{source}: expected format '{CurrentFormat}', found '{summary?.Format}'");
            }
            return summary;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not a sweep summary: {ex.Message}", ex);
        }
    }
}

/// <summary>Run counts: finished = completed + diverged; crashed runs are not finished; missing = total - finished - crashed.</summary>
public sealed record SweepCounts(int Total, int Finished, int Completed, int Diverged, int Stable, int Missing, int Crashed = 0);

/// <summary>A crashed run: its index, the iterations it had completed (null: crashed before training) and the cause.</summary>
public sealed record CrashedRun(int Index, int? Iteration, string Error);

/// <summary>One (generator, critic) cell: the seeds of one capacity pair.</summary>
public sealed record CriticCell(int CriticWidth, long CriticParameters, int Seeds, int StableSeeds, bool Eligible, double? Fid);

public sealed record OptimalCritic(int CriticWidth, long CriticParameters, double Fid);

/// <summary>One generator capacity: its cells, optimal critic and best stable FID.</summary>
public sealed record GeneratorCapacityResult(
    string Kind, string Label, int? Layers, int? Width, long Parameters, IReadOnlyList<CriticCell> Cells,
    OptimalCritic? OptimalCritic, double? BestFid);

/// <summary>
/// The classical capacity needed to match a quantum generator's best stable FID. <see cref="Status"/>:
/// <c>matched</c> (interpolated inside the grid), <c>at-or-below-grid</c> (the smallest classical point already
/// matches: an upper bound), <c>not-reached</c> (no classical point matches: a lower bound) or
/// <c>no-stable-run</c> (the quantum generator has no eligible cell).
/// </summary>
public sealed record CapacityMatch(
    int? Layers, long QuantumParameters, double? QuantumFid, string Status, double? ClassicalParameters, double? Ratio, long[]? Bracket);

public sealed record ScalingFits(LawResult? Exponential, LawResult? Power, string? Preferred, string Verdict);

/// <summary>A fitted law y = a + b x with y = ln(classical parameters needed); x = Q (exponential) or ln Q (power).</summary>
public sealed record LawResult(
    int N, double A, double B, double? R2, double? Aic, bool TooFewPoints, LawIntervals? Ci, int BootstrapUsed, int BootstrapSkipped,
    IReadOnlyList<BandPoint> Band);

public sealed record LawIntervals(double[] A, double[] B);

/// <summary>Fitted classical parameters needed at quantum parameters <see cref="Q"/>, with the bootstrap band (null without bootstrap).</summary>
public sealed record BandPoint(double Q, double Fit, double? Lower, double? Upper);

public sealed record CriticScalingPoint(string Kind, string Label, long GeneratorParameters, long OptimalCriticParameters, int OptimalCriticWidth);
