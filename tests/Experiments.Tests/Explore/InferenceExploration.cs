using System.Globalization;
using System.Text;
using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Experiments.Analysis;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Experiments.Tests.Explore;

public sealed class InferenceExploration
{
    private static string I(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    [ExploreFact]
    public void Explore()
    {
        int studies = int.Parse(Environment.GetEnvironmentVariable("QGAN_EXPLORE_STUDIES") ?? "40", CultureInfo.InvariantCulture);
        int samples = int.Parse(Environment.GetEnvironmentVariable("QGAN_EXPLORE_BOOTSTRAP") ?? "400", CultureInfo.InvariantCulture);
        int sims = int.Parse(Environment.GetEnvironmentVariable("QGAN_EXPLORE_SIMS") ?? "200", CultureInfo.InvariantCulture);
        int seeds = int.Parse(Environment.GetEnvironmentVariable("QGAN_EXPLORE_SEEDS") ?? "3", CultureInfo.InvariantCulture);
        var filter = Environment.GetEnvironmentVariable("QGAN_EXPLORE_SCENARIOS");
        CriticOptimum.WeightPasses = int.Parse(Environment.GetEnvironmentVariable("QGAN_EXPLORE_WEIGHTED") ?? "0", CultureInfo.InvariantCulture);
        var path = Environment.GetEnvironmentVariable("QGAN_EXPLORE_OUT")!;
        var settings = new SweepAnalysisSettings { LastK = 5, Bootstrap = new SweepBootstrapSettings { Samples = samples, Seed = 7 } };
        var sb = new StringBuilder();
        sb.AppendLine("scenario\tstudy\trelation\ttrue\tlaw\tn\tmeasured\tb\tsigma\tll\ttrueB\tprofN_lo\tprofN_hi\tprofM_lo\tprofM_hi\tboot_lo\tboot_hi\tinfl_lo\tinfl_hi\tboot_sd\tinfl_sd\tshare\tshare_infl\tdaic\tp_exp\tp_pow\tboot_mean\tinfl_mean\trss\trss_infl\tg");
        File.WriteAllText(path, sb.ToString());
        foreach (var scenario in LawCalibration.StandardScenarios().Where(s => filter is null || filter.Split(',').Any(f => s.Name.Contains(f, StringComparison.Ordinal))))
        {
            var sim = scenario.Simulation with { Seeds = seeds };
            for (int i = 0; i < studies; i++)
            {
                sb.Clear();
                var rows = sim.Rows(1000 + (ulong)i);
                var judgements = SweepAnalysis.Stability(rows, settings);
                var obs = rows.Select(r => new RunObservation(r, judgements[r.Index].Stable, r.Fid)).ToList();
                var point = StudyInference.Derive(obs, settings.MinStableFraction, null);
                var plain = Bootstrap(obs, settings, samples, false);
                var infl = Bootstrap(obs, settings, samples, true);
                foreach (var (relation, pts, truth, rp, ri, lo, hi) in new[]
                {
                    ("matching", point.MatchingPoints, sim.Matching, plain.Matching, infl.Matching, Math.Log(172), Math.Log(18968)),
                    ("critic", point.QuantumCriticPoints, sim.QuantumCritic, plain.Critic, infl.Critic, Math.Log(281), Math.Log(19841)),
                })
                {
                    var fit = LawComparison.FitBoth(pts);
                    double? daic = fit.Exponential?.Aic is double ae && fit.Power?.Aic is double ap ? ae - ap : null;
                    var (pExp, pPow) = Parametric(pts, fit, daic, sims, lo, hi, 99 + (ulong)i);
                    foreach (var law in new[] { LawComparison.Exponential, LawComparison.Power })
                    {
                        var f = law == LawComparison.Exponential ? fit.Exponential : fit.Power;
                        var cp = pts.Select(p => new CensoredPoint(law == LawComparison.Exponential ? p.X : Math.Log(p.X), Math.Log(p.Y), p.Censoring)).ToList();
                        var pn = f?.SlopeInterval(cp, 0.95, f.N);
                        var pm = f?.SlopeInterval(cp, 0.95, f.Measured);
                        var bp = rp.Select(r => law == LawComparison.Exponential ? r.Exponential : r.Power).Where(r => r is not null).Select(r => r!.B).ToList();
                        var bi = ri.Select(r => law == LawComparison.Exponential ? r.Exponential : r.Power).Where(r => r is not null).Select(r => r!.B).ToList();
                        var ip = bp.Count > 1 ? Percentile.Interval(bp, 0.95) : [double.NaN, double.NaN];
                        var ii = bi.Count > 1 ? Percentile.Interval(bi, 0.95) : [double.NaN, double.NaN];
                        double tb = law == truth.Form ? truth.B : double.NaN;
                        sb.AppendLine(I($"{scenario.Name}\t{i}\t{relation}\t{truth.Form}\t{law}\t{f?.N}\t{f?.Measured}\t{f?.B:R}\t{f?.Sigma:R}\t{f?.LogLikelihood:R}\t{tb:R}\t{pn?[0]:R}\t{pn?[1]:R}\t{pm?[0]:R}\t{pm?[1]:R}\t{ip[0]:R}\t{ip[1]:R}\t{ii[0]:R}\t{ii[1]:R}\t{Sd(bp):R}\t{Sd(bi):R}\t{Share(rp):R}\t{Share(ri):R}\t{daic:R}\t{pExp:R}\t{pPow:R}\t{(bp.Count > 0 ? bp.Average() : double.NaN):R}\t{(bi.Count > 0 ? bi.Average() : double.NaN):R}\t{(f is null ? double.NaN : f.N * f.Sigma * f.Sigma):R}\t{Rss(ri, law):R}\t{f?.SlopeVariancePerResidualVariance(cp):R}"));
                    }
                }
                File.AppendAllText(path, sb.ToString());
            }
        }
    }

    private static double Rss(List<LawComparison.Pair> reps, string law)
    {
        var v = reps.Select(r => law == LawComparison.Exponential ? r.Exponential : r.Power).Where(r => r is not null && !r.Exact).Select(r => r!.N * r.Sigma * r.Sigma).ToList();
        return v.Count == 0 ? double.NaN : v.Average();
    }

    private static double Sd(List<double> v)
    {
        if (v.Count < 2)
        {
            return double.NaN;
        }
        double m = v.Average();
        return Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / (v.Count - 1));
    }

    /// <summary>Share of replicates where exponential has higher likelihood.</summary>
    private static double Share(List<LawComparison.Pair> reps)
    {
        int e = 0, p = 0;
        foreach (var r in reps)
        {
            if (r.Exponential?.LogLikelihood is double le && r.Power?.LogLikelihood is double lp)
            {
                if (le > lp) { e++; } else { p++; }
            }
        }
        return e + p == 0 ? double.NaN : (double)e / (e + p);
    }

    /// <summary>Parametric bootstrap p-values of the AIC difference under each law as the null.</summary>
    private static (double PExp, double PPow) Parametric(IReadOnlyList<LawPoint> pts, LawComparison.Pair fit, double? daic, int sims, double lo, double hi, ulong seed)
    {
        if (daic is not double d || fit.Exponential is null || fit.Power is null || pts.Count < 3)
        {
            return (double.NaN, double.NaN);
        }
        var rng = new SeededRandom(seed);
        double P(CensoredLinearFit f, bool exp, bool upperTail)
        {
            int n = f.N;
            double s = f.Sigma * Math.Sqrt((double)n / (n - 2));
            int count = 0, used = 0;
            var z = new double[pts.Count];
            for (int k = 0; k < sims; k++)
            {
                rng.FillNormal(z);
                var sim = new List<LawPoint>();
                for (int j = 0; j < pts.Count; j++)
                {
                    double x = exp ? pts[j].X : Math.Log(pts[j].X);
                    double y = f.Predict(x) + s * z[j];
                    var c = y > hi ? Censoring.Lower : y < lo ? Censoring.Upper : Censoring.None;
                    sim.Add(new LawPoint("", pts[j].X, Math.Exp(c == Censoring.Lower ? hi : c == Censoring.Upper ? lo : y), c));
                }
                var both = LawComparison.FitBoth(sim);
                if (both.Exponential?.Aic is double ae && both.Power?.Aic is double ap)
                {
                    used++;
                    double ds = ae - ap;
                    if (upperTail ? ds >= d : ds <= d)
                    {
                        count++;
                    }
                }
            }
            return used == 0 ? double.NaN : (count + 1.0) / (used + 1.0);
        }
        // Under exponential truth, Δ = AIC_exp - AIC_pow tends to be negative; large Δ is evidence against exponential.
        return (P(fit.Exponential, true, true), P(fit.Power, false, false));
    }

    private sealed record Reps(List<LawComparison.Pair> Matching, List<LawComparison.Pair> Critic);

    private static Reps Bootstrap(List<RunObservation> runs, SweepAnalysisSettings settings, int samples, bool inflate)
    {
        var rng = new SeededRandom(7);
        var units = runs.GroupBy(r => r.ResampleKey).Select(c => c.OrderBy(r => r.Row.Index).ToArray()).OrderBy(c => c[0].Row.Index).ToList();
        if (inflate)
        {
            units = units.Select(u =>
            {
                var counted = u.Where(r => r.Counts).ToList();
                int m = counted.Count;
                if (m < 2)
                {
                    return u;
                }
                double mean = counted.Average(r => Math.Log(r.Value!.Value));
                double k = Math.Sqrt((double)m / (m - 1));
                return u.Select(r => r.Counts ? r with { Value = Math.Exp(mean + k * (Math.Log(r.Value!.Value) - mean)) } : r).ToArray();
            }).ToList();
        }
        var m1 = new List<LawComparison.Pair>();
        var c1 = new List<LawComparison.Pair>();
        var resampled = new List<RunObservation>(runs.Count);
        for (int b = 0; b < samples; b++)
        {
            resampled.Clear();
            foreach (var unit in units)
            {
                for (int k = 0; k < unit.Length; k++)
                {
                    resampled.Add(unit[rng.NextInt(unit.Length)]);
                }
            }
            var d = StudyInference.Derive(resampled, settings.MinStableFraction, null);
            m1.Add(LawComparison.FitBoth(d.MatchingPoints));
            c1.Add(LawComparison.FitBoth(d.QuantumCriticPoints));
        }
        return new Reps(m1, c1);
    }
}

public sealed class ExploreFactAttribute : FactAttribute
{
    public ExploreFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("QGAN_EXPLORE_OUT") is null)
        {
            Skip = "exploration only";
        }
    }
}
