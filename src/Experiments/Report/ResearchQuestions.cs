using System.Globalization;
using QGan.MLNet.Experiments.Analysis;
using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Experiments.Report;

/// <summary>The paper's research questions, each answered from the sweep's numbers (or said to be unanswerable from them).</summary>
internal static class ResearchQuestions
{
    public sealed record Answer(string Question, string Finding, string Evidence);

    public static IReadOnlyList<Answer> AnswerAll(ReportInputs inputs)
    {
        var s = inputs.Summary;
        return [Ratios(s), Law(s), Critics(s), Stability(s), AutoencoderQuality(inputs), NoisySampling(inputs)];
    }

    private static string F(double v, string format = "G3") => v.ToString(format, CultureInfo.InvariantCulture);

    private static Answer Ratios(SweepSummary s)
    {
        const string q = "How many classical generator parameters match a quantum generator's FID?";
        var matched = s.Matching.Where(m => m.Status == "matched").ToList();
        var bounds = s.Matching.Where(m => m.Status is "at-or-below-grid" or "not-reached").ToList();
        var evidence = string.Join("; ", s.Matching.Select(m => m.Status switch
        {
            "matched" => $"L={m.Layers}: {m.QuantumParameters} quantum vs {F(m.ClassicalParameters!.Value, "F0")} classical (x{F(m.Ratio!.Value)})",
            "at-or-below-grid" => $"L={m.Layers}: <= {F(m.ClassicalParameters!.Value, "F0")} classical (smallest grid point already matches)",
            "not-reached" => $"L={m.Layers}: > {m.Bracket?[0]} classical (largest grid point does not match)",
            _ => $"L={m.Layers}: no stable run",
        }));
        if (matched.Count == 0)
        {
            return new Answer(q, bounds.Count > 0
                ? "Not determined inside the grid: only bounds are available (extend the classical widths)."
                : "Not determined: no quantum generator has a stable run and a classical counterpart.", evidence.Length > 0 ? evidence : "-");
        }
        var ratios = matched.Select(m => m.Ratio!.Value).Order().ToList();
        double median = Percentile.Of(ratios, 0.5);
        string finding = matched.Count == 1
            ? $"One quantum generator was matched: the classical generator needs {F(ratios[0])}x its parameters (a single point; no trend can be read)."
            : $"At matched FID the classical generators need {F(ratios[0])}x to {F(ratios[^1])}x the quantum parameters (median {F(median)}x, {matched.Count} matched quantum capacities).";
        return new Answer(q, finding, evidence);
    }

    private static Answer Law(SweepSummary s)
    {
        const string q = "Does the classical capacity needed grow exponentially or as a power of the quantum capacity?";
        var e = s.Fits.Exponential;
        var p = s.Fits.Power;
        if (e is null || p is null)
        {
            return new Answer(q, "Not determined: " + s.Fits.Verdict + ".", "-");
        }
        string Ci(LawResult l) => l.Ci is null ? "no bootstrap interval" : $"{s.Analysis.Bootstrap.Confidence:P0} CI [{F(l.Ci.B[0])}, {F(l.Ci.B[1])}] from {l.BootstrapUsed} resamples";
        var evidence =
            $"exponential ln C = {F(e.A)} + {F(e.B)} Q (R² {R2(e)}, AIC {Aic(e)}; b {Ci(e)}); " +
            $"power ln C = {F(p.A)} + {F(p.B)} ln Q (R² {R2(p)}, AIC {Aic(p)}; exponent {Ci(p)}); n = {e.N} matched points";
        var finding = s.Fits.Preferred switch
        {
            SweepAnalysis.Exponential => $"The exponential law fits better ({s.Fits.Verdict}).",
            SweepAnalysis.Power => $"The power law fits better ({s.Fits.Verdict}).",
            _ => $"Undecided: {s.Fits.Verdict}.",
        };
        if (e.N < 5 && s.Fits.Preferred is not null)
        {
            finding += $" With only {e.N} points this is weak evidence.";
        }
        return new Answer(q, finding, evidence);
    }

    private static string R2(LawResult l) => l.R2 is double r ? F(r, "F3") : "-";

    private static string Aic(LawResult l) => l.Aic is double a ? F(a, "F2") : "-";

    private static Answer Critics(SweepSummary s)
    {
        const string q = "How does the optimal critic capacity scale with the generator capacity?";
        var parts = new List<string>();
        var findings = new List<string>();
        foreach (var kind in new[] { SweepRunStatus.Quantum, SweepRunStatus.Classical })
        {
            var points = s.CriticScaling.Where(c => c.Kind == kind).OrderBy(c => c.GeneratorParameters).ToList();
            if (points.Count == 0)
            {
                continue;
            }
            parts.Add($"{kind}: " + string.Join(", ", points.Select(c => $"{c.GeneratorParameters} -> {c.OptimalCriticParameters}")));
            var fit = LawFit.Fit([.. points.Select(c => Math.Log(c.GeneratorParameters))], [.. points.Select(c => Math.Log(c.OptimalCriticParameters))]);
            if (fit is null)
            {
                findings.Add($"{kind}: the same optimal critic for every generator capacity or a single point; no trend");
            }
            else if (fit.TooFewPoints)
            {
                findings.Add($"{kind}: two points only (log-log slope {F(fit.B)}), too few for a trend");
            }
            else
            {
                findings.Add($"{kind}: optimal critic parameters ∝ generator parameters^{F(fit.B)} (log-log R² {(fit.R2 is double r ? F(r, "F2") : "-")}, {fit.N} points)");
            }
        }
        return new Answer(q, findings.Count == 0 ? "Not determined: no generator has an eligible cell." : string.Join("; ", findings) + ".",
            parts.Count == 0 ? "-" : "generator parameters -> optimal critic parameters: " + string.Join("; ", parts));
    }

    private static Answer Stability(SweepSummary s)
    {
        var c = s.Counts;
        var finding = $"{c.Stable} of {c.Finished} finished runs trained stably; {c.Diverged} diverged." + (s.Partial ? $" The sweep is partial: {c.Missing} of {c.Total} runs have not finished." : "");
        var a = s.Analysis;
        return new Answer("How many runs trained stably (the paper's optimality condition)?", finding,
            $"stable = completed, >= {a.LastK} evaluations, relative FID spread over the last {a.LastK} <= {F(a.MaxFidSpread)}, |Wasserstein estimate| <= {F(a.MaxAbsWasserstein)}; a cell needs >= {a.MinStableFraction:P0} stable seeds");
    }

    private static Answer AutoencoderQuality(ReportInputs inputs)
    {
        const string q = "What is the effect of the autoencoder's quality?";
        if (inputs.Autoencoder is not { } ae)
        {
            return new Answer(q, "Not measured: the sweep trained on pre-encoded latents; no autoencoder description was given.", "-");
        }
        var quality = ae.Quality;
        return new Answer(q,
            $"Not measured by this sweep: it uses one autoencoder (validation MSE {F(quality.ValidationMse)}, {F(quality.RelativeToBaseline, "P1")} of the mean-image baseline {F(quality.MeanImageBaselineMse)}). Compare sweeps with different autoencoders to measure the effect.",
            $"{ae.Data.Description}; latent size {ae.Architecture.LatentSize}");
    }

    private static Answer NoisySampling(ReportInputs inputs)
    {
        const string q = "Noise-free versus noisy (hardware-like) sampling of the quantum generator?";
        if (inputs.Hardware.Count == 0)
        {
            return new Answer(q, "Not run (no hardware/*.json or runs/*/hardware/*.json in the sweep directory; see qgan hardware-sim).", "-");
        }
        var findings = new List<string>();
        foreach (var h in inputs.Hardware)
        {
            if (h.Error is not null)
            {
                findings.Add($"{h.File}: unreadable ({h.Error})");
                continue;
            }
            double? ideal = h.Find("ideal", "fid") ?? h.Find("noiseless", "fid") ?? h.Find("noisefree", "fid") ?? h.Find("noise_free", "fid");
            double? noisy = h.Find("noisy", "fid");
            findings.Add(ideal is double i && noisy is double n
                ? $"{h.File}: FID {F(i)} noise-free vs {F(n)} noisy ({(n >= i ? "+" : "")}{F(n - i)})"
                : $"{h.File}: {h.Numbers.Count} values (see the hardware table); no noise-free/noisy FID pair recognised");
        }
        return new Answer(q, string.Join("; ", findings) + ".", $"{inputs.Hardware.Count} file(s) in hardware/");
    }
}
