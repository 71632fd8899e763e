using System.Text.Json;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Experiments.Analysis;

/// <summary>Contents of <c>DIR/summary.json</c> (docs/sweep.md, "Analysis").</summary>
public sealed record SweepSummary
{
    public const string FileName = "summary.json";
    public const string CurrentFormat = "qgan-sweep-summary/2";

    public string Format { get; init; } = CurrentFormat;

    /// <summary>True when some runs of the grid have not finished; the analysis then uses the finished ones.</summary>
    public bool Partial { get; init; }

    /// <summary>The FID space of the headline analysis: <c>latent</c>, <c>feature</c> or <c>pixel</c>.</summary>
    public string Space { get; init; } = FidSpaces.Latent;

    /// <summary>The <c>runs.csv</c> column the headline FIDs come from (<c>fid</c>, <c>fid_infinity</c>, <c>feature_fid</c>, <c>pixel_fid</c>).</summary>
    public string FidColumn { get; init; } = "fid";

    /// <summary>Samples per set behind every FID (<c>eval_samples</c>); null when runs.csv does not say.</summary>
    public int? EvalSamples { get; init; }

    /// <summary>The autoencoder of the headline analysis (studies with several; null: the runs name none).</summary>
    public string? Autoencoder { get; init; }

    public required SweepCounts Counts { get; init; }

    /// <summary>Runs whose last attempt crashed (not finished; the next sweep retries them), with the cause.</summary>
    public IReadOnlyList<CrashedRun> Crashed { get; init; } = [];

    public required SweepAnalysisSettings Analysis { get; init; }

    /// <summary>The noise floor of <c>noise-floor.json</c> (null when the sweep has none).</summary>
    public NoiseFloorSummary? NoiseFloor { get; init; }

    public required IReadOnlyList<GeneratorCapacityResult> Generators { get; init; }

    /// <summary>The monotone fit of classical FID against classical parameters that the matching inverts.</summary>
    public IReadOnlyList<MatchingLevel> MatchingCurve { get; init; } = [];

    public required IReadOnlyList<CapacityMatch> Matching { get; init; }

    /// <summary>RQ2: classical parameters needed against quantum parameters.</summary>
    public required ScalingFits Fits { get; init; }

    /// <summary>Optimal critic parameters against generator parameters, per generator kind.</summary>
    public CriticFits? CriticFits { get; init; }

    /// <summary>Optimal critic parameters per generator capacity (grid argmin and fitted vertex).</summary>
    public required IReadOnlyList<CriticScalingPoint> CriticScaling { get; init; }

    /// <summary>The headline results in every space that runs.csv records (the headline space included).</summary>
    public IReadOnlyList<InferenceHeadline> Spaces { get; init; } = [];

    /// <summary>The inference rerun without the runs that ran out of iteration budget (null when none did).</summary>
    public BudgetSensitivity? Budget { get; init; }

    /// <summary>RQ3: one entry per autoencoder when the runs name several (empty otherwise).</summary>
    public IReadOnlyList<AutoencoderResult> Autoencoders { get; init; } = [];

    /// <summary>RQ5: costs of each quantum generator and its classical match, side by side.</summary>
    public IReadOnlyList<CostComparison> Costs { get; init; } = [];

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
/// <param name="Converged">Runs whose early stopping found an FID plateau (<c>converged = true</c>).</param>
/// <param name="BudgetLimited">Runs that ran out of iterations first (<c>converged = false</c>).</param>
/// <param name="BudgetLimitedCells">Cells of the headline analysis whose FID includes a budget-limited run.</param>
public sealed record SweepCounts(
    int Total, int Finished, int Completed, int Diverged, int Stable, int Missing,
    int Crashed = 0, int Converged = 0, int BudgetLimited = 0, int BudgetLimitedCells = 0);

/// <summary>A crashed run: its index, the iterations it had completed (null: crashed before training) and the cause.</summary>
public sealed record CrashedRun(int Index, int? Iteration, string Error);

/// <summary>
/// One (generator, critic) cell: the seeds of one capacity pair. With several learning-rate settings the cell is its
/// best setting, chosen on <c>validation_fid</c> (<see cref="LrSelectedBy"/> = <c>validation</c>; <c>reported</c> when
/// runs.csv has no validation FIDs and the reported split had to be used).
/// </summary>
public sealed record CriticCell(
    int CriticWidth, long CriticParameters, int Seeds, int StableSeeds, bool Eligible, double? Fid,
    double? GeneratorLr = null, double? CriticLr = null, int LrSettings = 1, string? LrSelectedBy = null,
    int BudgetLimitedSeeds = 0, double? SeedSd = null);

public sealed record OptimalCritic(int CriticWidth, long CriticParameters, double Fid);

/// <summary>
/// The optimal critic as the vertex of a least-squares quadratic of FID against ln(critic parameters) over the eligible
/// cells' stable seeds. <see cref="Status"/>: <c>interior</c>, <c>left-censored</c> (the optimum is at or below the
/// smallest critic: <see cref="CriticParameters"/> is that critic, an upper bound), <c>right-censored</c> (at or above
/// the largest: a lower bound) or <c>no-fit</c> (fewer than 2 eligible critic cells).
/// </summary>
/// <param name="Ci">Bootstrap interval in critic parameters; a null end is unbounded (replicates censored beyond the grid).</param>
/// <param name="Quadratic">c0, c1, c2 of FID = c0 + c1 x + c2 x², x = ln(critic parameters) (null below 3 cells).</param>
public sealed record CriticVertex(
    string Status, double? CriticParameters, double?[]? Ci, double[]? Quadratic, double? FidAtVertex,
    double? CensoredShare = null)
{
    public const string Interior = "interior";
    public const string LeftCensored = "left-censored";
    public const string RightCensored = "right-censored";
    public const string NoFit = "no-fit";
}

/// <summary>One generator capacity: its cells, optimal critic (grid argmin and fitted vertex) and best stable FID.</summary>
/// <param name="BudgetLimited">The optimal-critic cell's FID includes a run that ran out of iterations.</param>
/// <param name="AtNoiseFloor">The best FID is at or below the noise floor: indistinguishable from real data at this sample size.</param>
public sealed record GeneratorCapacityResult(
    string Kind, string Label, int? Layers, int? Width, long Parameters, IReadOnlyList<CriticCell> Cells,
    OptimalCritic? OptimalCritic, double? BestFid, CriticVertex? CriticVertex = null, bool BudgetLimited = false,
    bool AtNoiseFloor = false);

/// <summary>One classical capacity of the matching curve: its optimal cell's mean FID and the monotone fit there.</summary>
public sealed record MatchingLevel(string Label, long Parameters, double Fid, double FittedFid, int Seeds);

/// <summary>
/// The classical capacity needed to match a quantum generator's best stable FID (inverse of the monotone matching
/// curve). <see cref="Status"/>: <c>matched</c> (inside the grid), <c>at-or-below-grid</c> (the smallest classical
/// point already matches: <see cref="ClassicalParameters"/> is an upper bound), <c>not-reached</c> (no classical point
/// matches: <see cref="Bracket"/>[0] is a lower bound), <c>at-noise-floor</c> (the quantum FID is within the noise floor:
/// the classical capacity reaching the floor is a lower bound) or <c>no-stable-run</c>.
/// </summary>
/// <param name="Censoring">How the value enters the law fit: <c>none</c>, <c>upper</c> (bound) or <c>lower</c> (bound).</param>
/// <param name="Ci">Bootstrap interval of the classical parameters needed; a null end is unbounded.</param>
public sealed record CapacityMatch(
    int? Layers, long QuantumParameters, double? QuantumFid, string Status, double? ClassicalParameters, double? Ratio, long[]? Bracket,
    Censoring? Censoring = null, double?[]? Ci = null, double?[]? RatioCi = null)
{
    public const string Matched = "matched";
    public const string AtOrBelowGrid = "at-or-below-grid";
    public const string NotReached = "not-reached";
    public const string AtNoiseFloor = "at-noise-floor";
    public const string NoStableRun = "no-stable-run";

    /// <summary>The bound or estimate that enters the law fit (null when there is none).</summary>
    public double? FitValue => Status switch
    {
        Matched or AtOrBelowGrid or AtNoiseFloor => ClassicalParameters,
        NotReached => Bracket is { Length: > 0 } b ? b[^1] : null,
        _ => null,
    };
}

/// <summary>
/// Both laws for one relation, their comparison and the verdict. <see cref="Preferred"/> is <c>exponential</c>,
/// <c>power</c> or null (undetermined; <see cref="Verdict"/> says why).
/// </summary>
/// <param name="AicDifference">AIC(exponential) - AIC(power) (equal to the AICc difference: both laws have k = 3).</param>
/// <param name="Share">Share of usable bootstrap replicates in which each law has the higher likelihood.</param>
public sealed record ScalingFits(
    LawResult? Exponential, LawResult? Power, string? Preferred, string Verdict,
    double? AicDifference = null, LawShare? Share = null);

/// <param name="Undecided">Replicates where the comparison was impossible (a fit missing or exact).</param>
public sealed record LawShare(double Exponential, double Power, int Replicates, int Undecided);

/// <summary>RQ1's companion: the optimal critic's scaling law for quantum and for classical generators.</summary>
public sealed record CriticFits(ScalingFits Quantum, ScalingFits Classical);

/// <summary>
/// A fitted law y = a + b x by censored maximum likelihood, with y = ln(capacity) and x = generator parameters
/// (exponential) or their logarithm (power).
/// </summary>
/// <param name="N">Points in the fit, bounds included.</param>
/// <param name="Measured">Points with a measured value (the others are bounds).</param>
/// <param name="Sigma">Maximum-likelihood residual standard deviation of y (0 for an exact fit).</param>
/// <param name="TooFewPoints">Fewer than 3 points or an exact fit: the likelihood cannot compare the laws.</param>
public sealed record LawResult(
    int N, double A, double B, double? R2, double? Aic, bool TooFewPoints, LawIntervals? Ci, int BootstrapUsed, int BootstrapSkipped,
    IReadOnlyList<BandPoint> Band, int Measured = 0, double Sigma = 0, double? LogLikelihood = null, double? Aicc = null,
    IReadOnlyList<LawPoint>? Points = null);

public sealed record LawIntervals(double[] A, double[] B);

/// <summary>One observation of a law fit in natural units: generator parameters and capacity (or its bound).</summary>
public sealed record LawPoint(string Label, double X, double Y, Censoring Censoring);

/// <summary>Fitted capacity at generator parameters <see cref="Q"/>, with the bootstrap band (null without bootstrap).</summary>
public sealed record BandPoint(double Q, double Fit, double? Lower, double? Upper);

public sealed record CriticScalingPoint(
    string Kind, string Label, long GeneratorParameters, long OptimalCriticParameters, int OptimalCriticWidth,
    string? VertexStatus = null, double? VertexCriticParameters = null, double?[]? VertexCi = null);

/// <summary>The noise floor (FID and JSD between two disjoint real held-out sets of the evaluation size).</summary>
/// <param name="Fid">The floor in the headline space (null when the file has none for it, or when FID-infinity is used).</param>
/// <param name="Comparable">False when the floor's sample size differs from the runs' <c>eval_samples</c>; it is then reported but not used.</param>
public sealed record NoiseFloorSummary(int EvalSamples, double? Fid, double? Jsd, bool Comparable, string Note, IReadOnlyDictionary<string, FidJsd> Spaces);

public sealed record FidJsd(double? Fid = null, double? Jsd = null);

/// <summary>The headline of one inference: matching and verdicts (used per space, per autoencoder and without budget-limited runs).</summary>
public sealed record InferenceHeadline(
    string Name, int Runs, int StableRuns, double? BestQuantumFid, double? BestClassicalFid,
    IReadOnlyList<MatchHeadline> Matching, LawHeadline Fits, LawHeadline CriticQuantum, LawHeadline CriticClassical);

public sealed record MatchHeadline(int? Layers, string Status, double? ClassicalParameters, double?[]? Ci);

/// <summary>A law comparison's verdict and both slopes b with their intervals.</summary>
public sealed record LawHeadline(string? Preferred, string Verdict, double? ExponentialB, double[]? ExponentialBCi, double? PowerB, double[]? PowerBCi);

/// <param name="Changed">True when any verdict (matching law, either critic law) differs from the headline.</param>
public sealed record BudgetSensitivity(int BudgetLimitedRuns, int BudgetLimitedCells, bool Changed, InferenceHeadline WithoutBudgetLimited);

/// <summary>RQ3: one autoencoder's runs analysed on their own.</summary>
/// <param name="ReconstructionMse">From <c>autoencoders.json</c> (null when absent).</param>
/// <param name="StableShare">Stable runs / finished runs.</param>
/// <param name="LawChanged">The verdicts differ from the headline autoencoder's.</param>
public sealed record AutoencoderResult(string Name, double? ReconstructionMse, int Runs, double StableShare, InferenceHeadline Result, bool LawChanged);

/// <summary>
/// RQ5 for one quantum generator and the classical generator matching its FID (the smallest classical grid capacity
/// whose fitted FID reaches it), side by side.
/// </summary>
public sealed record CostComparison(
    string QuantumLabel, long QuantumParameters, double? QuantumFid, string MatchStatus, double? ClassicalParametersNeeded,
    string? ClassicalLabel, long? ClassicalParameters, double? ClassicalFid,
    double? QuantumSecondsPerIteration, double? ClassicalSecondsPerIteration,
    double? QuantumInferenceSecondsPerSample, double? ClassicalInferenceSecondsPerSample,
    int? CircuitExecutionsPerSample, long? ShotsPerSample, long? ClassicalMultiplyAddsPerSample);
