using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Runs;
namespace QGan.MLNet.Experiments.Analysis;

/// <summary>
/// The sweep's derived numbers from <c>runs.csv</c> rows alone (docs/sweep.md, "Analysis"): stability, optimal
/// critics, matching classical capacities, scaling-law fits and their bootstrap intervals.
/// </summary>
public static class SweepAnalysis
{
    public const string Exponential = "exponential";
    public const string Power = "power";
    private const int BandPoints = 25;

    /// <summary>Stable: completed, enough evaluations, bounded FID spread and Wasserstein estimate.</summary>
    public static bool IsStable(SweepRunRow row, SweepAnalysisSettings settings)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(settings);
        return row.Status == SweepRunStatus.Completed
            && row.Evaluations >= settings.LastK
            && row.Fid is double
            && row.FidSpread is double spread && spread <= settings.MaxFidSpread
            && row.MaxAbsWasserstein is double w && w <= settings.MaxAbsWasserstein;
    }

    /// <summary>
    /// The full summary; <paramref name="totalRuns"/> is the grid size (more than the rows for a partial sweep). Rows of
    /// crashed runs are reported (counts, <see cref="SweepSummary.Crashed"/>) but take no part in the analysis.
    /// <paramref name="crashes"/> lists every crashed run where known (the collector also knows those that crashed
    /// before they had a runs.csv row); by default the crashed rows.
    /// </summary>
    public static SweepSummary Summarize(IReadOnlyList<SweepRunRow> rows, SweepAnalysisSettings settings, int totalRuns,
        IReadOnlyList<CrashedRun>? crashes = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        crashes ??= [.. rows.Where(r => r.Status == SweepRunStatus.Crashed).Select(r => new CrashedRun(r.Index, r.Iterations, r.Error ?? "unknown"))];
        var finishedRows = rows.Where(r => r.Status != SweepRunStatus.Crashed).ToList();
        rows = finishedRows;
        var derived = Derive(rows, settings);
        var fits = FitWithBootstrap(rows, settings, derived);
        int completed = rows.Count(r => r.Status == SweepRunStatus.Completed);
        return new SweepSummary
        {
            Partial = rows.Count < totalRuns,
            Counts = new SweepCounts(totalRuns, rows.Count, completed, rows.Count - completed, rows.Count(r => IsStable(r, settings)),
                totalRuns - rows.Count - crashes.Count, crashes.Count),
            Crashed = crashes,
            Analysis = settings,
            Generators = derived.Generators,
            Matching = derived.Matching,
            Fits = fits,
            CriticScaling = [.. derived.Generators
                .Where(g => g.OptimalCritic is not null)
                .Select(g => new CriticScalingPoint(g.Kind, g.Label, g.Parameters, g.OptimalCritic!.CriticParameters, g.OptimalCritic.CriticWidth))],
        };
    }

    /// <summary>Steps 1-4 of the analysis: generator results and the capacity matches.</summary>
    public static (IReadOnlyList<GeneratorCapacityResult> Generators, IReadOnlyList<CapacityMatch> Matching) Derive(
        IReadOnlyList<SweepRunRow> rows, SweepAnalysisSettings settings)
    {
        var generators = rows
            .GroupBy(r => r.GeneratorKey)
            .Select(g => Generator(g.ToList(), settings))
            .OrderBy(g => g.Kind == SweepRunStatus.Quantum ? 0 : 1).ThenBy(g => g.Parameters)
            .ToList();
        var classical = generators.Where(g => g.Kind == SweepRunStatus.Classical && g.BestFid is not null).ToList();
        var matching = generators.Where(g => g.Kind == SweepRunStatus.Quantum).Select(q => Match(q, classical)).ToList();
        return (generators, matching);
    }

    private static GeneratorCapacityResult Generator(List<SweepRunRow> runs, SweepAnalysisSettings settings)
    {
        var first = runs[0];
        var parameters = runs.Select(r => r.GeneratorParams).Distinct().ToList();
        if (parameters.Count != 1)
        {
            throw new InvalidDataException($"runs of {first.GeneratorLabel} disagree on the generator parameter count ({string.Join(", ", parameters)})");
        }
        var cells = runs
            .GroupBy(r => r.CriticWidth)
            .OrderBy(c => c.Key)
            .Select(c =>
            {
                var stable = c.Where(r => IsStable(r, settings)).ToList();
                bool eligible = stable.Count > 0 && stable.Count >= settings.MinStableFraction * c.Count() - 1e-12;
                double? fid = stable.Count > 0 ? stable.Average(r => r.Fid!.Value) : null;
                return new CriticCell(c.Key, c.First().CriticParams, c.Count(), stable.Count, eligible, fid);
            })
            .ToList();
        var best = cells.Where(c => c.Eligible).OrderBy(c => c.Fid).ThenBy(c => c.CriticParameters).FirstOrDefault();
        return new GeneratorCapacityResult(
            first.GeneratorKind, first.GeneratorLabel, first.Layers, first.GeneratorWidth, parameters[0], cells,
            best is null ? null : new OptimalCritic(best.CriticWidth, best.CriticParameters, best.Fid!.Value), best?.Fid);
    }

    /// <summary>Step 4: smallest classical capacity whose best stable FID is at most the quantum one (log-linear interpolation).</summary>
    internal static CapacityMatch Match(GeneratorCapacityResult quantum, IReadOnlyList<GeneratorCapacityResult> classical)
    {
        if (quantum.BestFid is not double fq)
        {
            return new CapacityMatch(quantum.Layers, quantum.Parameters, null, "no-stable-run", null, null, null);
        }
        var grid = classical.OrderBy(c => c.Parameters).ToList();
        int i = grid.FindIndex(c => c.BestFid!.Value <= fq);
        if (i < 0)
        {
            return new CapacityMatch(quantum.Layers, quantum.Parameters, fq, "not-reached", null, null,
                grid.Count > 0 ? [grid[^1].Parameters] : null);
        }
        if (i == 0)
        {
            double p1 = grid[0].Parameters;
            return new CapacityMatch(quantum.Layers, quantum.Parameters, fq, "at-or-below-grid", p1, p1 / quantum.Parameters, [grid[0].Parameters, grid[0].Parameters]);
        }
        var lo = grid[i - 1];
        var hi = grid[i];
        double f0 = lo.BestFid!.Value, f1 = hi.BestFid!.Value;
        double t = (f0 - fq) / (f0 - f1); // f0 > fq >= f1, so t in (0, 1]
        double logP = Math.Log(lo.Parameters) + t * (Math.Log(hi.Parameters) - Math.Log(lo.Parameters));
        double needed = Math.Exp(logP);
        return new CapacityMatch(quantum.Layers, quantum.Parameters, fq, "matched", needed, needed / quantum.Parameters, [lo.Parameters, hi.Parameters]);
    }

    /// <summary>Step 5: both laws over the matched points (x = Q or ln Q, y = ln needed).</summary>
    public static (LawFit? Exponential, LawFit? Power) FitLaws(IReadOnlyList<CapacityMatch> matching)
    {
        var matched = matching.Where(m => m.Status == "matched").ToList();
        var y = matched.Select(m => Math.Log(m.ClassicalParameters!.Value)).ToList();
        var q = matched.Select(m => (double)m.QuantumParameters).ToList();
        return (LawFit.Fit(q, y), LawFit.Fit(q.Select(v => Math.Log(v)).ToList(), y));
    }

    private static ScalingFits FitWithBootstrap(
        IReadOnlyList<SweepRunRow> rows, SweepAnalysisSettings settings,
        (IReadOnlyList<GeneratorCapacityResult> Generators, IReadOnlyList<CapacityMatch> Matching) derived)
    {
        var (exp, pow) = FitLaws(derived.Matching);
        var matchedQ = derived.Matching.Where(m => m.Status == "matched").Select(m => (double)m.QuantumParameters).ToList();
        var bandQ = matchedQ.Count == 0 ? [] : BandGrid(matchedQ.Min(), matchedQ.Max());
        var expReplicates = new List<LawFit>();
        var powReplicates = new List<LawFit>();
        int samples = settings.Bootstrap.Samples;
        if (samples > 0 && (exp is not null || pow is not null))
        {
            var rng = new SeededRandom(unchecked((ulong)settings.Bootstrap.Seed));
            var cells = rows.GroupBy(r => (r.GeneratorKey, r.CriticWidth))
                .Select(c => c.OrderBy(r => r.Index).ToArray())
                .OrderBy(c => c[0].Index)
                .ToList();
            for (int b = 0; b < samples; b++)
            {
                var resampled = new List<SweepRunRow>(rows.Count);
                foreach (var cell in cells)
                {
                    for (int k = 0; k < cell.Length; k++)
                    {
                        resampled.Add(cell[rng.NextInt(cell.Length)]);
                    }
                }
                var (_, matching) = Derive(resampled, settings);
                var (e, p) = FitLaws(matching);
                if (e is not null)
                {
                    expReplicates.Add(e);
                }
                if (p is not null)
                {
                    powReplicates.Add(p);
                }
            }
        }
        var expResult = Result(exp, expReplicates, samples, bandQ, q => q, settings.Bootstrap.Confidence);
        var powResult = Result(pow, powReplicates, samples, bandQ, v => Math.Log(v), settings.Bootstrap.Confidence);
        var (preferred, verdict) = Prefer(expResult, powResult);
        return new ScalingFits(expResult, powResult, preferred, verdict);
    }

    private static double[] BandGrid(double min, double max) =>
        min == max ? [min] : [.. Enumerable.Range(0, BandPoints).Select(i => min + (max - min) * i / (BandPoints - 1))];

    private static LawResult? Result(LawFit? fit, List<LawFit> replicates, int samples, double[] bandQ, Func<double, double> x, double confidence)
    {
        if (fit is null)
        {
            return null;
        }
        bool withCi = replicates.Count >= 2;
        var band = bandQ.Select(q =>
        {
            double fitted = Math.Exp(fit.Predict(x(q)));
            if (!withCi)
            {
                return new BandPoint(q, fitted, null, null);
            }
            var interval = Percentile.Interval(replicates.Select(r => Math.Exp(r.Predict(x(q)))), confidence);
            // A wild replicate can overflow exp(); an unbounded band edge is written as absent rather than as infinity.
            return new BandPoint(q, fitted, Finite(interval[0]), Finite(interval[1]));
        }).ToList();
        var ci = withCi
            ? new LawIntervals(Percentile.Interval(replicates.Select(r => r.A), confidence), Percentile.Interval(replicates.Select(r => r.B), confidence))
            : null;
        return new LawResult(fit.N, fit.A, fit.B, fit.R2, fit.Aic, fit.TooFewPoints, ci, replicates.Count, samples - replicates.Count, band);
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    /// <summary>The law with the lower AIC, claimed only with at least 3 matched points and finite AICs.</summary>
    internal static (string? Preferred, string Verdict) Prefer(LawResult? exp, LawResult? pow)
    {
        if (exp is null || pow is null)
        {
            return (null, "no fit: fewer than 2 quantum generators were matched by a classical capacity inside the grid");
        }
        if (exp.TooFewPoints)
        {
            return (null, $"only {exp.N} matched points: both laws fit exactly, the data cannot tell them apart");
        }
        if (exp.Aic is not double ae || pow.Aic is not double ap)
        {
            return (null, "a law fits the matched points exactly (zero residual): AIC undefined, no preference");
        }
        if (Math.Abs(ae - ap) < 2)
        {
            return (null, $"AIC difference {Math.Abs(ae - ap):F2} < 2: the data do not distinguish the exponential and power laws");
        }
        return ae < ap
            ? (Exponential, $"exponential law preferred (AIC {ae:F2} vs {ap:F2}, R^2 {exp.R2:F3} vs {pow.R2:F3})")
            : (Power, $"power law preferred (AIC {ap:F2} vs {ae:F2}, R^2 {pow.R2:F3} vs {exp.R2:F3})");
    }
}
