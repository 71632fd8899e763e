namespace QGan.MLNet.Experiments.Analysis;

/// <summary>
/// A (generator, critic) cell from its runs: with several learning-rate settings, the best one on the validation split
/// (docs/sweep.md, "Learning rates"); then eligibility, the mean FID of the stable seeds and their values.
/// </summary>
internal static class CellSelection
{
    /// <summary>A cell with the per-seed FIDs behind its mean (the critic fit uses them).</summary>
    public sealed record Cell(CriticCell Summary, IReadOnlyList<double> Values);

    public static Cell Select(int criticWidth, IReadOnlyList<RunObservation> runs, double minStableFraction)
    {
        var settings = runs.GroupBy(r => r.LearningRates).Select(g => g.ToList()).ToList();
        List<RunObservation> chosen;
        string? selectedBy = null;
        if (settings.Count == 1)
        {
            chosen = settings[0];
        }
        else
        {
            var eligible = settings.Where(s => IsEligible(s, minStableFraction)).ToList();
            if (eligible.Count == 0)
            {
                chosen = settings.OrderByDescending(s => s.Count(r => r.Counts)).ThenBy(s => s.Min(r => r.Row.Index)).First();
            }
            else if (eligible.All(s => s.Any(r => r.Counts && r.Row.ValidationFid is not null)))
            {
                // Chosen on the validation split, so the reported FID (the other split) is not the one that picked it.
                chosen = eligible.OrderBy(s => s.Where(r => r.Counts && r.Row.ValidationFid is not null).Average(r => r.Row.ValidationFid!.Value))
                    .ThenBy(s => s.Min(r => r.Row.Index)).First();
                selectedBy = "validation";
            }
            else
            {
                // No validation FIDs in runs.csv: the reported split has to choose, which favours this cell (flagged).
                chosen = eligible.OrderBy(s => s.Where(r => r.Counts).Average(r => r.Value!.Value)).ThenBy(s => s.Min(r => r.Row.Index)).First();
                selectedBy = "reported";
            }
        }
        var counted = chosen.Where(r => r.Counts).ToList();
        var values = counted.Select(r => r.Value!.Value).ToList();
        bool cellEligible = IsEligible(chosen, minStableFraction);
        double? mean = values.Count > 0 ? values.Average() : null;
        double? sd = values.Count >= 2 ? Math.Sqrt(values.Sum(v => (v - mean!.Value) * (v - mean!.Value)) / (values.Count - 1)) : null;
        var first = chosen[0].Row;
        var summary = new CriticCell(
            criticWidth, first.CriticParams, chosen.Count, chosen.Count(r => r.Stable), cellEligible, mean,
            first.GeneratorLr, first.CriticLr, settings.Count, selectedBy,
            counted.Count(r => r.Row.Converged == false), sd);
        return new Cell(summary, cellEligible ? values : []);
    }

    /// <summary>At least one stable seed with an FID, and stable seeds >= minStableFraction of the seeds.</summary>
    private static bool IsEligible(IReadOnlyList<RunObservation> runs, double minStableFraction) =>
        runs.Any(r => r.Counts) && runs.Count(r => r.Stable) >= minStableFraction * runs.Count - 1e-12;
}
