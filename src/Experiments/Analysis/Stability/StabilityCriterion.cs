using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Experiments.Analysis;

/// <summary>
/// Whether a run trained stably, judged on the scale of its own cell's noise rather than on the FID's scale
/// (docs/sweep.md, "Stability").
/// <para>
/// A run's last K latent FIDs give a level (mean), a trend (least-squares change across the window) and a residual
/// standard deviation about that line. The yardstick is the noise of the run's cell measured on its sibling seeds (the
/// other seeds of the same generator, critic and learning rates): u = sqrt(s² + r²) with s the standard deviation of
/// their levels (how differently seeds settle) and r the median of their residual standard deviations (how much one
/// evaluation jitters). A run is stable when
/// </para>
/// <list type="bullet">
/// <item>it completed with at least K evaluations, a finite FID and |Wasserstein estimate| &lt;= <c>maxAbsWasserstein</c>;</item>
/// <item>its trend is within <c>maxTrend</c> standard errors of zero: |trend| &lt;= maxTrend · c_K · u, where c_K = (K-1)·sqrt(12/(K(K²-1)))
/// is the standard deviation of the fitted change for unit white noise (so the test means the same for every K);</item>
/// <item>its residual standard deviation is at most <c>maxNoise</c> · u (it does not oscillate more than its cell jitters).</item>
/// </list>
/// <para>
/// Every quantity scales with the FID, so a trajectory multiplied by any constant (FID 0.3 or 30 with the same
/// relative noise) is judged identically, and the noise that counts is whatever noise the cell actually has, absolute or
/// relative. Leaving the run out of its own yardstick keeps a drifting or oscillating run from inflating the noise it is
/// judged against. A cell with one seed has no siblings: u is then the run's own residual standard deviation (the trend
/// is tested against the run's own jitter; oscillation cannot be told from noise). A runs.csv without the
/// <c>fid_trend</c>/<c>fid_residual_sd</c> columns (another tool, or K &lt; 3) falls back to the relative spread rule
/// (max - min)/mean &lt;= <c>maxFidSpread</c>.
/// </para>
/// </summary>
public static class StabilityCriterion
{
    /// <summary>The judgement of one run; the scores are null when the rule that decided did not need them.</summary>
    /// <param name="TrendScore">|trend| / (c_K · u): standard errors of drift across the window.</param>
    /// <param name="NoiseScore">residual standard deviation / u.</param>
    public sealed record Judgement(bool Stable, string? Reason, double? TrendScore = null, double? NoiseScore = null);

    /// <summary>Judges every row against its cell's siblings; the result is keyed by run index.</summary>
    public static IReadOnlyDictionary<int, Judgement> Judge(IReadOnlyList<SweepRunRow> rows, SweepAnalysisSettings settings)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(settings);
        var result = new Dictionary<int, Judgement>(rows.Count);
        foreach (var cell in rows.GroupBy(NoiseCellKey))
        {
            var members = cell.ToList();
            foreach (var row in members)
            {
                var siblings = members.Where(r => !ReferenceEquals(r, row) && HasTrajectory(r, settings)).ToList();
                result[row.Index] = JudgeOne(row, siblings, settings);
            }
        }
        return result;
    }

    /// <summary>The seeds that share a noise level: same autoencoder, generator, critic and learning rates.</summary>
    internal static string NoiseCellKey(SweepRunRow r) =>
        FormattableString.Invariant($"{r.Autoencoder}|{r.GeneratorKey}|{r.CriticWidth}|{r.GeneratorLr:R}|{r.CriticLr:R}");

    /// <summary>c_K: the standard deviation of the least-squares change across K equally spaced values of unit white noise.</summary>
    public static double TrendStandardError(int k) => k < 2 ? double.NaN : (k - 1) * Math.Sqrt(12.0 / (k * ((double)k * k - 1)));

    private static bool HasTrajectory(SweepRunRow r, SweepAnalysisSettings settings) =>
        r.Status == SweepRunStatus.Completed && r.Evaluations >= settings.LastK && r.Fid is double && r.FidResidualSd is double;

    private static Judgement JudgeOne(SweepRunRow row, List<SweepRunRow> siblings, SweepAnalysisSettings settings)
    {
        if (row.Status != SweepRunStatus.Completed)
        {
            return new Judgement(false, row.Status);
        }
        if (row.Evaluations < settings.LastK)
        {
            return new Judgement(false, $"{row.Evaluations} evaluations < lastK {settings.LastK}");
        }
        if (row.Fid is null)
        {
            return new Judgement(false, "no finite FID in the last K evaluations");
        }
        if (row.MaxAbsWasserstein is not double w || w > settings.MaxAbsWasserstein)
        {
            return new Judgement(false, row.MaxAbsWasserstein is double ww ? $"|Wasserstein estimate| {ww:G3} > {settings.MaxAbsWasserstein:G3}" : "no finite Wasserstein estimate");
        }
        if (row.FidTrend is not double trend || row.FidResidualSd is not double residual)
        {
            // Legacy rule: runs.csv without the trajectory columns.
            return row.FidSpread is double spread && spread <= settings.MaxFidSpread
                ? new Judgement(true, null)
                : new Judgement(false, row.FidSpread is double s ? $"relative FID spread {s:G3} > {settings.MaxFidSpread:G3}" : "no FID spread");
        }
        double u = CellNoise(residual, siblings);
        double trendScore = Score(Math.Abs(trend), TrendStandardError(settings.LastK) * u);
        double noiseScore = Score(residual, u);
        // Oscillation first: an oscillating window also shows a spurious trend, whose size depends on the phase at the end.
        if (noiseScore > settings.MaxNoise)
        {
            return new Judgement(false, $"oscillating: residual SD {residual:G3} is {noiseScore:G3}x the cell noise (> {settings.MaxNoise:G3})", trendScore, noiseScore);
        }
        if (trendScore > settings.MaxTrend)
        {
            return new Judgement(false, $"drifting: trend {trend:G3} is {trendScore:G3} standard errors of the cell noise (> {settings.MaxTrend:G3})", trendScore, noiseScore);
        }
        return new Judgement(true, null, trendScore, noiseScore);
    }

    /// <summary>u = sqrt(s² + r²) over the siblings; the run's own residual SD when it has none.</summary>
    private static double CellNoise(double ownResidual, List<SweepRunRow> siblings)
    {
        if (siblings.Count == 0)
        {
            return ownResidual;
        }
        var residuals = siblings.Select(r => r.FidResidualSd!.Value).Order().ToList();
        double r = Percentile.Of(residuals, 0.5);
        double s = 0;
        if (siblings.Count >= 2)
        {
            double mean = siblings.Average(x => x.Fid!.Value);
            s = Math.Sqrt(siblings.Sum(x => (x.Fid!.Value - mean) * (x.Fid!.Value - mean)) / (siblings.Count - 1));
        }
        return Math.Sqrt(s * s + r * r);
    }

    /// <summary>value / scale; a zero scale makes any non-zero value infinitely large and zero exactly 0.</summary>
    private static double Score(double value, double scale) => scale > 0 ? value / scale : value > 0 ? double.PositiveInfinity : 0;
}
