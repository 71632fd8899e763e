namespace QGan.MLNet.Experiments.Analysis;

/// <summary>
/// The classical capacity needed to match each quantum generator (docs/sweep.md, "Matching"): a non-increasing fit
/// (isotonic regression) of classical FID against ln(classical parameters) over every stable seed of each classical
/// capacity's optimal-critic cell, inverted at the quantum generator's best FID. The fit and its interpolation work on
/// ln FID: FID's seed noise grows with its level (roughly a constant relative spread), so least squares on ln FID
/// weighs every seed alike, and between grid points ln FID is interpolated linearly in ln(parameters) (a local power
/// law, which FID's fall with capacity resembles far better than a straight line in FID does). Matches below or
/// beyond the grid are kept as bounds.
/// </summary>
internal static class CapacityMatcher
{
    /// <summary>A classical generator's optimal-critic cell: its parameters and the seed FIDs behind its mean.</summary>
    public sealed record ClassicalCell(string Label, long Parameters, double Fid, IReadOnlyList<double> Values);

    public static IReadOnlyList<MatchingLevel> Curve(IReadOnlyList<ClassicalCell> classical)
    {
        var ordered = classical.Where(c => c.Values.Count > 0).OrderBy(c => c.Parameters).ToList();
        var points = ordered.SelectMany(c => c.Values.Select(v => (Math.Log(c.Parameters), LogFid(v)))).ToList();
        var levels = IsotonicRegression.NonIncreasing(points);
        return [.. ordered.Select((c, i) => new MatchingLevel(c.Label, c.Parameters, c.Fid, Math.Exp(levels[i].Fitted), c.Values.Count))];
    }

    /// <param name="floor">The usable noise floor in this space (null: none).</param>
    public static CapacityMatch Match(GeneratorCapacityResult quantum, IReadOnlyList<MatchingLevel> curve, double? floor)
    {
        if (quantum.BestFid is not double fq)
        {
            return new CapacityMatch(quantum.Layers, quantum.Parameters, null, CapacityMatch.NoStableRun, null, null, null);
        }
        if (curve.Count == 0)
        {
            return new CapacityMatch(quantum.Layers, quantum.Parameters, fq, CapacityMatch.NotReached, null, null, null);
        }
        var levels = curve.Select(l => new IsotonicRegression.Level(Math.Log(l.Parameters), LogFid(l.FittedFid), l.Seeds)).ToList();
        long[] beyond = [curve[^1].Parameters];
        if (floor is double f && fq <= f)
        {
            // Below the floor the quantum FID cannot be told from real data: matching it means reaching the floor, and
            // the capacity that does so is only a lower bound on what a better-resolved comparison might need.
            if (IsotonicRegression.FirstReaching(levels, LogFid(f)) is not double xf)
            {
                return new CapacityMatch(quantum.Layers, quantum.Parameters, fq, CapacityMatch.NotReached, null, null, beyond, Censoring.Lower);
            }
            double pf = Math.Exp(xf);
            return new CapacityMatch(quantum.Layers, quantum.Parameters, fq, CapacityMatch.AtNoiseFloor, pf, pf / quantum.Parameters, Bracket(curve, xf), Censoring.Lower);
        }
        if (IsotonicRegression.FirstReaching(levels, LogFid(fq)) is not double x)
        {
            return new CapacityMatch(quantum.Layers, quantum.Parameters, fq, CapacityMatch.NotReached, null, null, beyond, Censoring.Lower);
        }
        double needed = Math.Exp(x);
        if (levels[0].Fitted <= LogFid(fq))
        {
            long p1 = curve[0].Parameters;
            return new CapacityMatch(quantum.Layers, quantum.Parameters, fq, CapacityMatch.AtOrBelowGrid, p1, (double)p1 / quantum.Parameters, [p1, p1], Censoring.Upper);
        }
        return new CapacityMatch(quantum.Layers, quantum.Parameters, fq, CapacityMatch.Matched, needed, needed / quantum.Parameters, Bracket(curve, x), Censoring.None);
    }

    /// <summary>ln FID, with an FID of 0 (a perfect match at this sample size, never seen in practice) held just above 0.</summary>
    private static double LogFid(double fid) => Math.Log(Math.Max(fid, 1e-12));

    /// <summary>The two grid points around ln-parameter <paramref name="x"/> (one point twice when it sits on it).</summary>
    private static long[] Bracket(IReadOnlyList<MatchingLevel> curve, double x)
    {
        int i = 0;
        while (i < curve.Count - 1 && Math.Log(curve[i].Parameters) < x - 1e-12)
        {
            i++;
        }
        return i == 0 ? [curve[0].Parameters, curve[0].Parameters] : [curve[i - 1].Parameters, curve[i].Parameters];
    }

    /// <summary>ln of the value the law fit gets, -∞ for an upper bound at the grid start and +∞ for a lower bound beyond it (bootstrap form).</summary>
    public static double LogForInterval(CapacityMatch m) => m.Status switch
    {
        CapacityMatch.Matched => Math.Log(m.ClassicalParameters!.Value),
        CapacityMatch.AtOrBelowGrid => double.NegativeInfinity,
        CapacityMatch.NotReached or CapacityMatch.AtNoiseFloor => double.PositiveInfinity,
        _ => double.NaN,
    };
}
