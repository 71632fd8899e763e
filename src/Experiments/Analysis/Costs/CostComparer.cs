using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Experiments.Analysis;

/// <summary>
/// RQ5 (docs/sweep.md, "Costs at matched FID"): for every quantum generator, the classical grid generator that matches
/// its FID, and both generators' costs side by side: parameters, training seconds per iteration and inference seconds
/// per sample (means over the stable seeds of each one's optimal-critic cell), the quantum generator's circuit
/// executions and shots per sample on hardware, and the classical MLP's multiply-adds per sample.
/// </summary>
internal static class CostComparer
{
    public static IReadOnlyList<CostComparison> Compare(
        IReadOnlyList<RunObservation> runs, StudyInference.Result inference, double? floor, CostConstants? constants)
    {
        var quantum = inference.Generators.Where(g => g.Kind == SweepRunStatus.Quantum).ToList();
        var result = new List<CostComparison>();
        for (int i = 0; i < quantum.Count; i++)
        {
            var q = quantum[i];
            var match = inference.Matching[i];
            var counterpart = Counterpart(inference, match, floor);
            var qRuns = OptimalRuns(runs, q);
            var cRuns = counterpart is null ? [] : OptimalRuns(runs, counterpart);
            var cRow = cRuns.FirstOrDefault()?.Row ?? runs.FirstOrDefault(r => counterpart is not null && r.Row.GeneratorLabel == counterpart.Label)?.Row;
            int? executions = constants?.MeasurementBases;
            result.Add(new CostComparison(
                q.Label, q.Parameters, q.BestFid, match.Status, match.ClassicalParameters,
                counterpart?.Label, counterpart?.Parameters, counterpart?.BestFid,
                Mean(qRuns, r => r.SecondsPerIteration), Mean(cRuns, r => r.SecondsPerIteration),
                Mean(qRuns, r => r.InferenceSecondsPerSample), Mean(cRuns, r => r.InferenceSecondsPerSample),
                executions, executions is int e ? e * constants!.ShotsPerCircuit : null,
                cRow is { GeneratorWidth: int w, GeneratorDepth: int d } && constants is not null ? constants.ClassicalMultiplyAdds(cRow.GeneratorParams, w, d) : null));
        }
        return result;
    }

    /// <summary>The smallest classical grid generator whose fitted FID reaches the quantum FID (or the floor); null when none does.</summary>
    private static GeneratorCapacityResult? Counterpart(StudyInference.Result inference, CapacityMatch match, double? floor)
    {
        if (match.QuantumFid is not double fq || match.Status == CapacityMatch.NoStableRun)
        {
            return null;
        }
        double target = floor is double f && fq <= f ? f : fq;
        var level = inference.Curve.FirstOrDefault(l => l.FittedFid <= target);
        return level is null ? null : inference.Generators.First(g => g.Kind == SweepRunStatus.Classical && g.Label == level.Label);
    }

    /// <summary>The runs behind a generator's optimal-critic cell: its selected learning rates, stable, with an FID.</summary>
    private static List<RunObservation> OptimalRuns(IReadOnlyList<RunObservation> runs, GeneratorCapacityResult g)
    {
        if (g.OptimalCritic is not { } best)
        {
            return [];
        }
        var cell = g.Cells.First(c => c.CriticWidth == best.CriticWidth);
        return [.. runs.Where(r => r.Counts && r.Row.GeneratorLabel == g.Label && r.Row.CriticWidth == best.CriticWidth
            && r.Row.GeneratorLr == cell.GeneratorLr && r.Row.CriticLr == cell.CriticLr)];
    }

    private static double? Mean(List<RunObservation> runs, Func<SweepRunRow, double?> value)
    {
        var values = runs.Select(r => value(r.Row)).Where(v => v is not null).Select(v => v!.Value).ToList();
        return values.Count > 0 ? values.Average() : null;
    }
}
