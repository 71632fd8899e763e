using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Experiments.Analysis;

/// <summary>
/// One complete inference over a set of runs in one FID space: cells (with learning-rate selection), optimal critics
/// (grid argmin and fitted vertex), the monotone matching curve and its inversions, the three law comparisons, and
/// the bootstrap over seeds that gives every estimate its interval (docs/sweep.md, "Analysis").
/// </summary>
internal static class StudyInference
{
    /// <summary>The point estimates of one pass over the runs (the data, or one bootstrap replicate).</summary>
    public sealed record Derivation(
        IReadOnlyList<GeneratorCapacityResult> Generators, IReadOnlyList<double> VertexLogs, IReadOnlyList<MatchingLevel> Curve,
        IReadOnlyList<CapacityMatch> Matching, IReadOnlyList<LawPoint> MatchingPoints,
        IReadOnlyList<LawPoint> QuantumCriticPoints, IReadOnlyList<LawPoint> ClassicalCriticPoints);

    /// <summary>The inference with intervals.</summary>
    public sealed record Result(
        IReadOnlyList<GeneratorCapacityResult> Generators, IReadOnlyList<MatchingLevel> Curve, IReadOnlyList<CapacityMatch> Matching,
        ScalingFits Fits, CriticFits CriticFits, int Runs, int StableRuns)
    {
        public InferenceHeadline Headline(string name) => new(
            name, Runs, StableRuns,
            Best(SweepRunStatus.Quantum), Best(SweepRunStatus.Classical),
            [.. Matching.Select(m => new MatchHeadline(m.Layers, m.Status, m.ClassicalParameters, m.Ci))],
            LawComparison.Headline(Fits), LawComparison.Headline(CriticFits.Quantum), LawComparison.Headline(CriticFits.Classical));

        private double? Best(string kind) =>
            Generators.Where(g => g.Kind == kind && g.BestFid is not null).Select(g => g.BestFid).Min();
    }

    public static Derivation Derive(IReadOnlyList<RunObservation> runs, double minStableFraction, double? floor)
    {
        var generators = new List<GeneratorCapacityResult>();
        var vertexLogs = new List<double>();
        var classicalCells = new List<CapacityMatcher.ClassicalCell>();
        foreach (var group in runs.GroupBy(r => r.Row.GeneratorKey)
            .OrderBy(g => g.First().Row.IsQuantum ? 0 : 1).ThenBy(g => g.First().Row.GeneratorParams))
        {
            var members = group.ToList();
            var first = members[0].Row;
            var parameters = members.Select(r => r.Row.GeneratorParams).Distinct().ToList();
            if (parameters.Count != 1)
            {
                throw new InvalidDataException($"runs of {first.GeneratorLabel} disagree on the generator parameter count ({string.Join(", ", parameters)})");
            }
            var cells = members.GroupBy(r => r.Row.CriticWidth).OrderBy(c => c.Key)
                .Select(c => CellSelection.Select(c.Key, [.. c], minStableFraction)).ToList();
            var best = cells.Where(c => c.Summary.Eligible).OrderBy(c => c.Summary.Fid).ThenBy(c => c.Summary.CriticParameters).FirstOrDefault();
            var vertex = CriticOptimum.Fit([.. cells.Where(c => c.Summary.Eligible).Select(c => (c.Summary.CriticParameters, c.Values))]);
            double? bestFid = best?.Summary.Fid;
            var result = new GeneratorCapacityResult(
                first.GeneratorKind, first.GeneratorLabel, first.Layers, first.GeneratorWidth, parameters[0], [.. cells.Select(c => c.Summary)],
                best is null ? null : new OptimalCritic(best.Summary.CriticWidth, best.Summary.CriticParameters, best.Summary.Fid!.Value),
                bestFid, VertexSummary(vertex, null, null), best is not null && best.Summary.BudgetLimitedSeeds > 0,
                floor is double f && bestFid is double b && b <= f);
            generators.Add(result);
            vertexLogs.Add(vertex.LogCritic);
            if (!first.IsQuantum && best is not null)
            {
                classicalCells.Add(new CapacityMatcher.ClassicalCell(first.GeneratorLabel, parameters[0], best.Summary.Fid!.Value, best.Values));
            }
        }
        var curve = CapacityMatcher.Curve(classicalCells);
        var matching = generators.Where(g => g.Kind == SweepRunStatus.Quantum).Select(q => CapacityMatcher.Match(q, curve, floor)).ToList();
        var quantumLabels = generators.Where(g => g.Kind == SweepRunStatus.Quantum).Select(g => g.Label).ToList();
        var matchingPoints = matching.Select((m, i) => (m, label: quantumLabels[i]))
            .Where(p => p.m.FitValue is not null && p.m.Censoring is not null)
            .Select(p => new LawPoint(p.label, p.m.QuantumParameters, p.m.FitValue!.Value, p.m.Censoring!.Value)).ToList();
        return new Derivation(generators, vertexLogs, curve, matching, matchingPoints,
            CriticPoints(generators, vertexLogs, SweepRunStatus.Quantum), CriticPoints(generators, vertexLogs, SweepRunStatus.Classical));
    }

    /// <summary>Optimal critic parameters (or their bound) against generator parameters for one kind.</summary>
    private static List<LawPoint> CriticPoints(IReadOnlyList<GeneratorCapacityResult> generators, IReadOnlyList<double> logs, string kind)
    {
        var points = new List<LawPoint>();
        for (int i = 0; i < generators.Count; i++)
        {
            var g = generators[i];
            if (g.Kind != kind || g.CriticVertex is not { } v || v.Status == CriticVertex.NoFit)
            {
                continue;
            }
            var censoring = v.Status switch
            {
                CriticVertex.LeftCensored => Censoring.Upper,
                CriticVertex.RightCensored => Censoring.Lower,
                _ => Censoring.None,
            };
            points.Add(new LawPoint(g.Label, g.Parameters, censoring == Censoring.None ? Math.Exp(logs[i]) : v.CriticParameters!.Value, censoring));
        }
        return points;
    }

    private static CriticVertex VertexSummary(CriticOptimum.Estimate e, double?[]? ci, double? censoredShare) => new(
        e.Status,
        e.Status == CriticVertex.Interior ? Math.Exp(e.LogCritic) : e.EdgeParameters,
        ci,
        e.Quadratic is { } q ? [q.C0, q.C1, q.C2] : null,
        e.FidAtOptimum,
        censoredShare);

    /// <summary>The point estimates and, with <c>bootstrap.samples</c> &gt; 0, their bootstrap intervals.</summary>
    public static Result Run(IReadOnlyList<RunObservation> runs, SweepAnalysisSettings settings, double? floor)
    {
        var point = Derive(runs, settings.MinStableFraction, floor);
        var bootstrap = settings.Bootstrap;
        var matchingReplicates = new List<LawComparison.Pair>();
        var quantumCriticReplicates = new List<LawComparison.Pair>();
        var classicalCriticReplicates = new List<LawComparison.Pair>();
        var matchedLogs = point.Matching.Select(_ => new List<double>()).ToList();
        var vertexLogs = point.Generators.Select(_ => new List<double>()).ToList();
        if (bootstrap.Samples > 0 && runs.Count > 0)
        {
            var rng = new SeededRandom(unchecked((ulong)bootstrap.Seed));
            var units = runs.GroupBy(r => r.ResampleKey)
                .Select(c => c.OrderBy(r => r.Row.Index).ToArray())
                .OrderBy(c => c[0].Row.Index)
                .ToList();
            var quantumIndex = point.Matching.Select((m, i) => (Label: LabelOf(point, i), i)).ToDictionary(p => p.Label, p => p.i);
            var generatorIndex = point.Generators.Select((g, i) => (g.Label, i)).ToDictionary(p => p.Label, p => p.i);
            var resampled = new List<RunObservation>(runs.Count);
            for (int b = 0; b < bootstrap.Samples; b++)
            {
                resampled.Clear();
                foreach (var unit in units)
                {
                    for (int k = 0; k < unit.Length; k++)
                    {
                        resampled.Add(unit[rng.NextInt(unit.Length)]);
                    }
                }
                var d = Derive(resampled, settings.MinStableFraction, floor);
                matchingReplicates.Add(LawComparison.FitBoth(d.MatchingPoints));
                quantumCriticReplicates.Add(LawComparison.FitBoth(d.QuantumCriticPoints));
                classicalCriticReplicates.Add(LawComparison.FitBoth(d.ClassicalCriticPoints));
                var quantum = d.Generators.Where(g => g.Kind == SweepRunStatus.Quantum).ToList();
                for (int i = 0; i < d.Matching.Count; i++)
                {
                    if (quantumIndex.TryGetValue(quantum[i].Label, out int at))
                    {
                        matchedLogs[at].Add(CapacityMatcher.LogForInterval(d.Matching[i]));
                    }
                }
                for (int i = 0; i < d.Generators.Count; i++)
                {
                    if (generatorIndex.TryGetValue(d.Generators[i].Label, out int at))
                    {
                        vertexLogs[at].Add(d.VertexLogs[i]);
                    }
                }
            }
        }
        double confidence = bootstrap.Confidence;
        var matching = point.Matching.Select((m, i) =>
        {
            var ci = ExpInterval(matchedLogs[i], confidence);
            return m with { Ci = ci, RatioCi = ci?.Select(v => v / m.QuantumParameters).ToArray() };
        }).ToList();
        var generators = point.Generators.Select((g, i) =>
        {
            var values = vertexLogs[i].Where(v => !double.IsNaN(v)).ToList();
            double? censored = values.Count > 0 ? (double)values.Count(double.IsInfinity) / values.Count : null;
            return g with { CriticVertex = g.CriticVertex! with { Ci = ExpInterval(vertexLogs[i], confidence), CensoredShare = censored } };
        }).ToList();
        var fits = LawComparison.Summarize(point.MatchingPoints, LawComparison.FitBoth(point.MatchingPoints), matchingReplicates, bootstrap.Samples, confidence);
        var criticFits = new CriticFits(
            LawComparison.Summarize(point.QuantumCriticPoints, LawComparison.FitBoth(point.QuantumCriticPoints), quantumCriticReplicates, bootstrap.Samples, confidence),
            LawComparison.Summarize(point.ClassicalCriticPoints, LawComparison.FitBoth(point.ClassicalCriticPoints), classicalCriticReplicates, bootstrap.Samples, confidence));
        return new Result(generators, point.Curve, matching, fits, criticFits, runs.Count, runs.Count(r => r.Stable));
    }

    private static string LabelOf(Derivation d, int quantumIndex) =>
        d.Generators.Where(g => g.Kind == SweepRunStatus.Quantum).ElementAt(quantumIndex).Label;

    /// <summary>The percentile interval of ln values mapped back by exp; ±∞ (censored replicates) become null ends; null with fewer than 2 values.</summary>
    private static double?[]? ExpInterval(List<double> logs, double confidence)
    {
        var values = logs.Where(v => !double.IsNaN(v)).ToList();
        if (values.Count < 2)
        {
            return null;
        }
        var interval = Percentile.Interval(values, confidence);
        return [.. interval.Select(v => double.IsFinite(v) ? Math.Exp(v) : (double?)null)];
    }
}
