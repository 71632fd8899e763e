using System.Globalization;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Experiments.Analysis;

/// <summary>
/// The sweep's derived numbers from <c>runs.csv</c> rows (plus the optional noise floor and autoencoder list) alone
/// (docs/sweep.md, "Analysis"): stability, learning-rate selection, optimal critics, the matching classical capacities,
/// the exponential-versus-power verdicts with bootstrap intervals, and the checks around them (every recorded FID
/// space, without budget-limited runs, per autoencoder, costs at matched FID).
/// </summary>
public static class SweepAnalysis
{
    public const string Exponential = LawComparison.Exponential;
    public const string Power = LawComparison.Power;

    /// <summary>Every run's stability judgement (<see cref="StabilityCriterion"/>), keyed by run index.</summary>
    public static IReadOnlyDictionary<int, StabilityCriterion.Judgement> Stability(IReadOnlyList<SweepRunRow> rows, SweepAnalysisSettings settings) =>
        StabilityCriterion.Judge(rows, settings);

    /// <summary>
    /// Recomputes <c>DIR/summary.json</c> from <c>DIR/sweep.json</c> and <c>DIR/runs.csv</c> alone (plus the optional
    /// <c>noise-floor.json</c> and <c>autoencoders.json</c>), never reading <c>DIR/runs/</c>: a runs.csv written by
    /// another tool with the documented columns is enough. <paramref name="space"/> overrides <c>analysis.space</c>.
    /// The summary is written atomically and returned.
    /// </summary>
    public static SweepSummary Analyze(string directory, string? space = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var layout = new SweepLayout(Path.GetFullPath(directory));
        if (!File.Exists(layout.ConfigPath))
        {
            throw new FileNotFoundException($"{layout.Directory} is not a sweep directory (no {SweepConfig.FileName})", layout.ConfigPath);
        }
        var config = SweepConfigParser.Load(layout.ConfigPath);
        var rows = RunsCsv.Read(layout.RunsCsvPath);
        var settings = config.Analysis;
        if (space is not null)
        {
            if (!FidSpaces.All.Contains(space))
            {
                throw new ArgumentException($"--space must be latent, feature or pixel, got '{space}'");
            }
            settings = settings with { Space = space };
        }
        if (rows.Count > 0 && rows.All(r => FidSpaces.Value(r, settings.Space, settings.FidInfinity) is null))
        {
            throw new InvalidDataException($"{layout.RunsCsvPath}: no run has a value in column {FidSpaces.Column(settings.Space, settings.FidInfinity)} (the {settings.Space} space)");
        }
        var summary = Summarize(rows, settings, Math.Max(config.RunCount, rows.Count), StudyContext.Load(layout.Directory, config));
        Transforms.IO.AtomicFile.WriteAllText(layout.SummaryPath, summary.ToJson());
        return summary;
    }

    /// <summary>
    /// The full summary; <paramref name="totalRuns"/> is the grid size (more than the rows for a partial sweep). Rows of
    /// crashed runs are reported (counts, <see cref="SweepSummary.Crashed"/>) but take no part in the analysis.
    /// <paramref name="crashes"/> lists every crashed run where known (the collector also knows those that crashed
    /// before they had a runs.csv row); by default the crashed rows.
    /// </summary>
    public static SweepSummary Summarize(IReadOnlyList<SweepRunRow> rows, SweepAnalysisSettings settings, int totalRuns,
        StudyContext? context = null, IReadOnlyList<CrashedRun>? crashes = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(settings);
        crashes ??= [.. rows.Where(r => r.Status == SweepRunStatus.Crashed).Select(r => new CrashedRun(r.Index, r.Iterations, r.Error ?? "unknown"))];
        rows = [.. rows.Where(r => r.Status != SweepRunStatus.Crashed)];
        context ??= StudyContext.Empty;
        string column = FidSpaces.Column(settings.Space, settings.FidInfinity);
        int? evalSamples = SampleSize(rows, settings);
        var judgements = StabilityCriterion.Judge(rows, settings);
        var groups = AutoencoderGroups(rows, context.Autoencoders);
        var (primaryName, primaryRows) = groups[0];
        var floor = Floor(context.NoiseFloor, evalSamples, settings, primaryName);

        List<RunObservation> Observe(IEnumerable<SweepRunRow> subset, string space) =>
            [.. subset.Select(r => new RunObservation(r, judgements[r.Index].Stable, FidSpaces.Value(r, space, space == FidSpaces.Latent && settings.FidInfinity)))];
        // The floor of one autoencoder's analysis in one space (each latent space has its own floor).
        double? FloorOf(string space, string? autoencoder) =>
            Floor(context.NoiseFloor, evalSamples, settings, autoencoder) is { Comparable: true } f && !(space == FidSpaces.Latent && settings.FidInfinity)
                && f.Spaces.TryGetValue(space, out var v) ? v.Fid : null;
        double? FloorIn(string space) => FloorOf(space, primaryName);

        var observations = Observe(primaryRows, settings.Space);
        var primary = StudyInference.Run(observations, settings, FloorIn(settings.Space));

        var spaces = new List<InferenceHeadline>();
        foreach (var space in FidSpaces.All)
        {
            if (space == settings.Space)
            {
                spaces.Add(primary.Headline(space));
            }
            else if (primaryRows.Any(r => FidSpaces.Value(r, space, space == FidSpaces.Latent && settings.FidInfinity) is not null))
            {
                spaces.Add(StudyInference.Run(Observe(primaryRows, space), settings, FloorIn(space)).Headline(space));
            }
        }

        BudgetSensitivity? budget = null;
        int budgetLimitedRuns = primaryRows.Count(r => r.Converged == false);
        int budgetLimitedCells = primary.Generators.Sum(g => g.Cells.Count(c => c.Eligible && c.BudgetLimitedSeeds > 0));
        if (budgetLimitedRuns > 0)
        {
            var without = StudyInference.Run(Observe(primaryRows.Where(r => r.Converged != false), settings.Space), settings, FloorIn(settings.Space))
                .Headline("without budget-limited runs");
            budget = new BudgetSensitivity(budgetLimitedRuns, budgetLimitedCells, VerdictsDiffer(primary.Headline(""), without), without);
        }

        var autoencoders = new List<AutoencoderResult>();
        if (groups.Count > 1)
        {
            var headline = primary.Headline(primaryName ?? "");
            foreach (var (name, members) in groups)
            {
                var result = name == primaryName ? headline : StudyInference.Run(Observe(members, settings.Space), settings, FloorOf(settings.Space, name)).Headline(name ?? "");
                double share = members.Count == 0 ? 0 : (double)members.Count(r => judgements[r.Index].Stable) / members.Count;
                autoencoders.Add(new AutoencoderResult(name ?? "(unnamed)", context.Autoencoders?.Find(name)?.ReconstructionMse, members.Count, share, result,
                    VerdictsDiffer(headline, result)));
            }
        }

        int completed = rows.Count(r => r.Status == SweepRunStatus.Completed);
        return new SweepSummary
        {
            Partial = rows.Count < totalRuns,
            Counts = new SweepCounts(
                totalRuns, rows.Count, completed, rows.Count(r => r.Status == SweepRunStatus.Diverged),
                rows.Count(r => judgements[r.Index].Stable), totalRuns - rows.Count - crashes.Count,
                crashes.Count, rows.Count(r => r.Converged == true), rows.Count(r => r.Converged == false),
                budgetLimitedCells),
            Crashed = crashes,
            Analysis = settings,
            NoiseFloor = floor is null ? null : floor with { Fid = FloorIn(settings.Space), Jsd = floor.Spaces.TryGetValue(settings.Space, out var fj) ? fj.Jsd : null },
            Generators = primary.Generators,
            MatchingCurve = primary.Curve,
            Matching = primary.Matching,
            Fits = primary.Fits,
            CriticFits = primary.CriticFits,
            CriticScaling = [.. primary.Generators
                .Where(g => g.OptimalCritic is not null)
                .Select(g => new CriticScalingPoint(g.Kind, g.Label, g.Parameters, g.OptimalCritic!.CriticParameters, g.OptimalCritic.CriticWidth,
                    g.CriticVertex?.Status, g.CriticVertex?.CriticParameters, g.CriticVertex?.Ci))],
            Spaces = spaces,
            Budget = budget,
            Autoencoders = autoencoders,
            Costs = CostComparer.Compare(observations, primary, FloorIn(settings.Space), context.Costs),
        };
    }

    /// <summary>The one sample size behind every FID; mixing sizes is refused (FID's bias depends on it) unless FID-infinity removes it.</summary>
    private static int? SampleSize(IReadOnlyList<SweepRunRow> rows, SweepAnalysisSettings settings)
    {
        var sizes = rows.Where(r => r.EvalSamples is not null).Select(r => r.EvalSamples!.Value).Distinct().Order().ToList();
        if (sizes.Count > 1 && !(settings.FidInfinity && settings.Space == FidSpaces.Latent))
        {
            throw new InvalidDataException(
                $"runs.csv mixes FIDs measured with different sample sizes (eval_samples {string.Join(", ", sizes)}): FID's finite-sample bias " +
                "differs between them, so they cannot be compared; analyse one sample size or set analysis.fidInfinity for the latent space");
        }
        return sizes.Count == 1 ? sizes[0] : null;
    }

    /// <summary>Runs grouped by autoencoder: the catalog's order first, then by first appearance; the first group is the headline.</summary>
    private static List<(string? Name, List<SweepRunRow> Rows)> AutoencoderGroups(IReadOnlyList<SweepRunRow> rows, AutoencoderCatalog? catalog)
    {
        var names = rows.OrderBy(r => r.Index).Select(r => r.Autoencoder).Distinct().ToList();
        if (catalog is not null)
        {
            var order = catalog.Autoencoders.Select(e => e.Name).ToList();
            names = [.. names.OrderBy(n => n is not null && order.IndexOf(n) is int i && i >= 0 ? i : int.MaxValue)];
        }
        var groups = names.Select(n => (n, rows.Where(r => r.Autoencoder == n).ToList())).ToList();
        return groups.Count == 0 ? [(null, [])] : groups;
    }

    private static NoiseFloorSummary? Floor(NoiseFloorFile? file, int? evalSamples, SweepAnalysisSettings settings, string? autoencoder)
    {
        if (file is null)
        {
            return null;
        }
        bool comparable = evalSamples is null || evalSamples == file.EvalSamples;
        string note = !comparable
            ? string.Create(CultureInfo.InvariantCulture, $"measured with {file.EvalSamples} samples but the runs used {evalSamples}: reported, not used")
            : settings.FidInfinity && settings.Space == FidSpaces.Latent
                ? "FID-infinity removes the finite-sample bias the floor measures: not used for the latent space"
                : evalSamples is null
                    ? "runs.csv does not record eval_samples: the floor is assumed to match the runs' sample size"
                    : "used: FIDs at or below the floor are indistinguishable from real data";
        return new NoiseFloorSummary(file.EvalSamples, null, null, comparable, note, file.For(autoencoder));
    }

    private static bool VerdictsDiffer(InferenceHeadline a, InferenceHeadline b) =>
        a.Fits.Preferred != b.Fits.Preferred || a.CriticQuantum.Preferred != b.CriticQuantum.Preferred || a.CriticClassical.Preferred != b.CriticClassical.Preferred;
}
