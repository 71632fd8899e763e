using System.Globalization;

namespace QGan.MLNet.Experiments.Analysis;

/// <summary>
/// Exponential (ln C = a + b x) against power (ln C = a + b ln x) for one relation, each fitted by censored maximum
/// likelihood so that bounds enter as bounds (docs/sweep.md, "Laws"). Both laws have k = 3 parameters, so their AICc
/// difference equals their AIC difference: the small-sample correction cannot favour either, and the verdict needs
/// two independent kinds of support: an AIC(c) difference of at least 2 (Burnham and Anderson's threshold for
/// "substantial" support) and at least <c>confidence</c> of the bootstrap replicates preferring the same law (the
/// preference must survive re-drawing the seeds). Anything less is "undetermined", with the reason.
/// </summary>
public static class LawComparison
{
    public const string Exponential = "exponential";
    public const string Power = "power";
    private const int BandPoints = 25;
    private const double MinAicDifference = 2;

    /// <summary>Both laws fitted to one set of points (either may be null: undetermined).</summary>
    public sealed record Pair(CensoredLinearFit? Exponential, CensoredLinearFit? Power);

    /// <summary>Fits both laws: y = ln Y against x = X (exponential) and x = ln X (power).</summary>
    public static Pair FitBoth(IReadOnlyList<LawPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var exp = points.Select(p => new CensoredPoint(p.X, Math.Log(p.Y), p.Censoring)).ToList();
        var pow = points.Select(p => new CensoredPoint(Math.Log(p.X), Math.Log(p.Y), p.Censoring)).ToList();
        return new Pair(CensoredLinearFit.Fit(exp), CensoredLinearFit.Fit(pow));
    }

    /// <summary>The summary form: both laws with bootstrap intervals and bands, the replicate shares and the verdict.</summary>
    public static ScalingFits Summarize(
        IReadOnlyList<LawPoint> points, Pair fit, IReadOnlyList<Pair> replicates, int samples, double confidence)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(replicates);
        double[] bandX = points.Count == 0 ? [] : Grid(points.Min(p => p.X), points.Max(p => p.X));
        var exp = Result(fit.Exponential, [.. replicates.Select(r => r.Exponential)], samples, bandX, q => q, confidence, points);
        var pow = Result(fit.Power, [.. replicates.Select(r => r.Power)], samples, bandX, Math.Log, confidence, points);
        var share = Share(replicates);
        var (preferred, verdict) = Decide(exp, pow, share, confidence);
        double? difference = exp?.Aic is double ae && pow?.Aic is double ap ? ae - ap : null;
        return new ScalingFits(exp, pow, preferred, verdict, difference, share);
    }

    /// <summary>The compact form used for spaces, autoencoders and the budget check.</summary>
    public static LawHeadline Headline(ScalingFits fits)
    {
        ArgumentNullException.ThrowIfNull(fits);
        return new LawHeadline(fits.Preferred, fits.Verdict, fits.Exponential?.B, fits.Exponential?.Ci?.B, fits.Power?.B, fits.Power?.Ci?.B);
    }

    private static LawShare? Share(IReadOnlyList<Pair> replicates)
    {
        if (replicates.Count == 0)
        {
            return null;
        }
        int exp = 0, pow = 0, undecided = 0;
        foreach (var r in replicates)
        {
            if (Support(r.Exponential) is double le && Support(r.Power) is double lp && le != lp)
            {
                if (le > lp)
                {
                    exp++;
                }
                else
                {
                    pow++;
                }
            }
            else
            {
                undecided++;
            }
        }
        int decided = exp + pow;
        return decided == 0
            ? new LawShare(0, 0, replicates.Count, undecided)
            : new LawShare((double)exp / decided, (double)pow / decided, replicates.Count, undecided);
    }

    /// <summary>
    /// The log-likelihood as evidence: +∞ for an exact fit through at least 3 measured points (a law that passes exactly
    /// through every point, when the other does not, wins outright), null when there is no comparable fit.
    /// </summary>
    private static double? Support(CensoredLinearFit? fit) =>
        fit is null || fit.N < 3 ? null : fit.Exact ? (fit.Measured >= 3 ? double.PositiveInfinity : null) : fit.LogLikelihood;

    internal static (string? Preferred, string Verdict) Decide(LawResult? exp, LawResult? pow, LawShare? share, double confidence)
    {
        if (exp is null || pow is null)
        {
            return (null, "undetermined: no fit (fewer than 2 measured points at different capacities)");
        }
        if (exp.N < 3)
        {
            return (null, $"undetermined: only {exp.N} points; both laws fit exactly");
        }
        if (exp.Aic is null || pow.Aic is null)
        {
            // An exact fit (σ = 0) has an unbounded likelihood: decisive only through 3 or more measured points and
            // only when the other law is not exact too.
            bool expExact = exp.Aic is null && exp.Measured >= 3, powExact = pow.Aic is null && pow.Measured >= 3;
            return expExact != powExact
                ? (expExact ? Exponential : Power, $"{(expExact ? Exponential : Power)}: it passes exactly through all {exp.Measured} measured points within the bounds and the {(expExact ? Power : Exponential)} law does not")
                : (null, "undetermined: a law passes exactly through every measured point within the bounds (unbounded likelihood), so the likelihoods cannot be compared");
        }
        double ae = exp.Aic.Value, ap = pow.Aic.Value;
        string criterion = exp.Aicc is double ce && pow.Aicc is double cp
            ? F($"AICc exponential {ce:F2}, power {cp:F2}")
            : F($"AIC exponential {ae:F2}, power {ap:F2} (AICc undefined for n = {exp.N} <= 4)");
        double difference = Math.Abs(ae - ap);
        string law = ae < ap ? Exponential : Power;
        if (difference < MinAicDifference)
        {
            return (null, F($"undetermined: {criterion}, difference {difference:F2} < {MinAicDifference:F0}"));
        }
        if (share is null || share.Replicates - share.Undecided == 0)
        {
            return (law, F($"{law}: {criterion}, difference {difference:F2} >= {MinAicDifference:F0} (no bootstrap replicates to check it)"));
        }
        double agree = law == Exponential ? share.Exponential : share.Power;
        int used = share.Replicates - share.Undecided;
        if (agree < confidence)
        {
            return (null, F($"undetermined: {criterion} favours the {law} law by {difference:F2}, but only {agree:P0} of {used} bootstrap replicates agree (< {confidence:P0})"));
        }
        return (law, F($"{law}: {criterion}, difference {difference:F2} >= {MinAicDifference:F0}; {agree:P0} of {used} bootstrap replicates agree"));
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>25 points from min to max, evenly spaced in ln x (capacities span decades; both laws plot on log axes).</summary>
    private static double[] Grid(double min, double max) =>
        min == max ? [min] : [.. Enumerable.Range(0, BandPoints).Select(i => i == BandPoints - 1 ? max : min * Math.Pow(max / min, (double)i / (BandPoints - 1)))];

    private static LawResult? Result(
        CensoredLinearFit? fit, IReadOnlyList<CensoredLinearFit?> replicates, int samples, double[] bandX, Func<double, double> x,
        double confidence, IReadOnlyList<LawPoint> points)
    {
        if (fit is null)
        {
            return null;
        }
        var used = replicates.Where(r => r is not null).Select(r => r!).ToList();
        bool withCi = used.Count >= 2;
        var band = bandX.Select(q =>
        {
            double fitted = Math.Exp(fit.Predict(x(q)));
            if (!withCi)
            {
                return new BandPoint(q, fitted, null, null);
            }
            var interval = Percentile.Interval(used.Select(r => Math.Exp(r.Predict(x(q)))), confidence);
            // A wild replicate can overflow exp(); an unbounded band edge is written as absent rather than as infinity.
            return new BandPoint(q, fitted, Finite(interval[0]), Finite(interval[1]));
        }).ToList();
        var ci = withCi
            ? new LawIntervals(Percentile.Interval(used.Select(r => r.A), confidence), Percentile.Interval(used.Select(r => r.B), confidence))
            : null;
        return new LawResult(
            fit.N, fit.A, fit.B, fit.R2, fit.Aic, fit.N < 3 || fit.Exact, ci, used.Count, samples - used.Count, band,
            fit.Measured, fit.Sigma, fit.LogLikelihood, fit.Aicc, points);
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}
