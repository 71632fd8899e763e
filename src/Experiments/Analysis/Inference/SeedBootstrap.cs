using QGan.MLNet.Core.Randomness;

namespace QGan.MLNet.Experiments.Analysis;

/// <summary>
/// The bootstrap over seeds (docs/sweep.md, "Analysis", step 9): every replicate redraws, within each (generator,
/// critic, learning-rate setting) cell, as many runs as the cell has, with replacement.
/// <para>
/// A study has few seeds per cell (3 in the paper-sized design), and resampling m values with replacement gives their
/// mean only (m - 1)/m of its sampling variance (2/3 for m = 3): every interval built on the plain resampling is too
/// narrow. So each cell is resampled from its corrected values: the ln FIDs of the m runs that enter the cell's mean
/// are moved away from their mean by the factor √(m/(m - 1)), the "modified residuals" of Davison and Hinkley (1997,
/// ch. 6: residuals divided by √(1 - h), here with a mean's leverage h = 1/m), which make the bootstrap variance of
/// the mean unbiased. ln FID, because an FID's seed noise is
/// roughly a constant relative spread (the matching works on ln FID for the same reason); a cell with a value at or
/// below 0 (possible with FID-infinity extrapolation) is corrected on the FID itself. Runs that do not enter the mean
/// (unstable, or without a value in this space) are resampled unchanged, so eligibility is redrawn as before. The
/// point estimates always use the data themselves.
/// </para>
/// </summary>
internal static class SeedBootstrap
{
    /// <summary>The resampling units (cells in index order, runs in index order), with the small-sample correction applied.</summary>
    public static List<RunObservation[]> Units(IReadOnlyList<RunObservation> runs) =>
        [.. runs.GroupBy(r => r.ResampleKey)
            .Select(c => Corrected([.. c.OrderBy(r => r.Row.Index)]))
            .OrderBy(c => c[0].Row.Index)];

    /// <summary>One replicate: for every unit, as many draws (<see cref="SeededRandom.NextInt(int)"/>) as it has runs.</summary>
    public static void Resample(IReadOnlyList<RunObservation[]> units, SeededRandom random, List<RunObservation> into)
    {
        into.Clear();
        foreach (var unit in units)
        {
            for (int k = 0; k < unit.Length; k++)
            {
                into.Add(unit[random.NextInt(unit.Length)]);
            }
        }
    }

    /// <summary>The cell with its counted values moved from their mean by √(m/(m - 1)) (unchanged for m &lt; 2).</summary>
    internal static RunObservation[] Corrected(RunObservation[] cell)
    {
        var counted = cell.Where(r => r.Counts).Select(r => r.Value!.Value).ToList();
        int m = counted.Count;
        if (m < 2)
        {
            return cell;
        }
        double factor = Math.Sqrt((double)m / (m - 1));
        if (counted.All(v => v > 0))
        {
            double mean = counted.Average(Math.Log);
            return [.. cell.Select(r => r.Counts ? r with { Value = Math.Exp(mean + factor * (Math.Log(r.Value!.Value) - mean)) } : r)];
        }
        double plain = counted.Average();
        return [.. cell.Select(r => r.Counts ? r with { Value = plain + factor * (r.Value!.Value - plain) } : r)];
    }
}
