using System.Globalization;
using QGan.MLNet.Experiments.Analysis;
using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Experiments.Report;

/// <summary>
/// The study's research questions, each answered from the sweep's numbers with its interval, whatever the answer is
/// (docs/report.md, "Research questions"): RQ1 optimal critic scaling, RQ2 classical capacity needed and its law, RQ3
/// autoencoder quality, RQ4 hardware-like sampling, RQ5 costs at matched FID, then training quality and measurement.
/// </summary>
internal static class ResearchQuestions
{
    public sealed record Answer(string Id, string Question, string Finding, string Evidence);

    public static IReadOnlyList<Answer> AnswerAll(ReportInputs inputs)
    {
        var s = inputs.Summary;
        return [Critics(s), Matching(s), Law(s), Autoencoders(inputs), ShotStudySection.Answer(inputs) ?? NoisySampling(inputs), Costs(s), Training(s), Measurement(s)];
    }

    private static string F(double v, string format = "G3") => v.ToString(format, CultureInfo.InvariantCulture);

    private static string Pct(SweepSummary s) => s.Analysis.Bootstrap.Confidence.ToString("P0", CultureInfo.InvariantCulture);

    /// <summary>A bootstrap interval in words; a null end is unbounded (replicates censored beyond the grid).</summary>
    internal static string Interval(double?[]? ci, string format = "G3") => ci switch
    {
        null => "no interval",
        [double lo, double hi] => $"{F(lo, format)}–{F(hi, format)}",
        [null, double hi] => $"below the grid–{F(hi, format)}",
        [double lo, null] => $"{F(lo, format)}–beyond the grid",
        _ => "unbounded",
    };

    private static string Interval(double[]? ci, string format = "G3") => ci is null ? "no interval" : Interval(new double?[] { ci[0], ci[1] }, format);

    /// <summary>Both slopes and the verdict of one law comparison.</summary>
    internal static string Laws(ScalingFits fits, string pct)
    {
        var parts = new List<string>();
        if (fits.Exponential is { } e)
        {
            parts.Add($"exponential ln C = {F(e.A)} + {F(e.B)} x (b {pct} CI {Interval(e.Ci?.B)})");
        }
        if (fits.Power is { } p)
        {
            parts.Add($"power ln C = {F(p.A)} + {F(p.B)} ln x (b {pct} CI {Interval(p.Ci?.B)})");
        }
        if (fits.Exponential is { } l)
        {
            int bounds = l.N - l.Measured;
            parts.Add($"{l.N} points ({l.Measured} measured, {bounds} bound{(bounds == 1 ? "" : "s")})");
        }
        if (fits.Share is { } share && share.Replicates > share.Undecided)
        {
            parts.Add($"bootstrap: {F(share.Exponential, "P0")} of replicates prefer exponential, {F(share.Power, "P0")} power");
        }
        return parts.Count == 0 ? "-" : string.Join("; ", parts);
    }

    private static Answer Critics(SweepSummary s)
    {
        const string q = "RQ1: How does the optimal critic capacity scale with the generator capacity?";
        var pct = Pct(s);
        string Vertex(GeneratorCapacityResult g) => g.CriticVertex switch
        {
            { Status: CriticVertex.Interior } v => $"{g.Label}: {F(v.CriticParameters!.Value, "F0")} ({pct} CI {Interval(v.Ci, "F0")})",
            { Status: CriticVertex.LeftCensored } v => $"{g.Label}: <= {F(v.CriticParameters!.Value, "F0")} (at the smallest critic)",
            { Status: CriticVertex.RightCensored } v => $"{g.Label}: >= {F(v.CriticParameters!.Value, "F0")} (at the largest critic)",
            _ => $"{g.Label}: no fit",
        };
        if (s.CriticFits is not { } fits)
        {
            return new Answer("RQ1", q, "Not determined: no generator has an eligible cell.", "-");
        }
        var finding = $"Quantum generators: {fits.Quantum.Verdict}. Classical generators: {fits.Classical.Verdict}.";
        var evidence = "optimal critic parameters (vertex of the FID fit over ln critic parameters): " + string.Join("; ", s.Generators.Select(Vertex))
            + $". Quantum: {Laws(fits.Quantum, pct)}. Classical: {Laws(fits.Classical, pct)}";
        return new Answer("RQ1", q, finding, evidence);
    }

    /// <summary>Which generator is more parameter-efficient at one quantum capacity: from the ratio's interval or bound.</summary>
    internal static string Efficiency(CapacityMatch m)
    {
        double q = m.QuantumParameters;
        return m.Status switch
        {
            CapacityMatch.Matched when m.RatioCi is [_, double hi] && hi < 1 => "classical",
            CapacityMatch.Matched when m.RatioCi is [double lo, _] && lo > 1 => "quantum",
            CapacityMatch.Matched when m.RatioCi is null && m.Ratio is double r => r < 1 ? "classical" : r > 1 ? "quantum" : "undetermined",
            CapacityMatch.AtOrBelowGrid when m.ClassicalParameters < q => "classical",
            CapacityMatch.NotReached when m.Bracket is { Length: > 0 } b && b[^1] > q => "quantum",
            CapacityMatch.AtNoiseFloor when m.ClassicalParameters > q => "quantum",
            _ => "undetermined",
        };
    }

    private static Answer Matching(SweepSummary s)
    {
        const string q = "RQ2a: How many classical generator parameters match a quantum generator's FID?";
        var pct = Pct(s);
        var evidence = string.Join("; ", s.Matching.Select(m => m.Status switch
        {
            CapacityMatch.Matched => $"L={m.Layers}: {m.QuantumParameters} quantum vs {F(m.ClassicalParameters!.Value, "F0")} classical ({pct} CI {Interval(m.Ci, "F0")}; ratio {F(m.Ratio!.Value)}, CI {Interval(m.RatioCi)})",
            CapacityMatch.AtOrBelowGrid => $"L={m.Layers}: <= {F(m.ClassicalParameters!.Value, "F0")} classical (the smallest grid point already matches)",
            CapacityMatch.NotReached => $"L={m.Layers}: > {m.Bracket?[^1]} classical (the largest grid point does not match)",
            CapacityMatch.AtNoiseFloor => $"L={m.Layers}: FID {F(m.QuantumFid!.Value)} within the noise floor; >= {F(m.ClassicalParameters!.Value, "F0")} classical",
            _ => $"L={m.Layers}: no stable run",
        }));
        var calls = s.Matching.Where(m => m.Status != CapacityMatch.NoStableRun).Select(m => (m.Layers, Call: Efficiency(m))).ToList();
        string finding;
        if (calls.Count == 0)
        {
            finding = "Undetermined: no quantum generator has a stable run.";
        }
        else if (calls.All(c => c.Call == "classical"))
        {
            finding = "The classical generator is more parameter-efficient on this data: at every quantum depth a classical generator with fewer parameters matches its FID (intervals below a ratio of 1).";
        }
        else if (calls.All(c => c.Call == "quantum"))
        {
            finding = "The quantum generator is more parameter-efficient on this data: at every quantum depth the matching classical generator needs more parameters (intervals above a ratio of 1).";
        }
        else
        {
            string Group(string call) => string.Join(", ", calls.Where(c => c.Call == call).Select(c => $"L={c.Layers}"));
            var parts = new[] { "classical", "quantum", "undetermined" }.Where(c => calls.Any(x => x.Call == c))
                .Select(c => c == "undetermined" ? $"undetermined at {Group(c)}" : $"{c} more parameter-efficient at {Group(c)}");
            finding = $"Undetermined overall: {string.Join("; ", parts)}.";
        }
        return new Answer("RQ2a", q, finding, evidence.Length > 0 ? evidence : "-");
    }

    private static Answer Law(SweepSummary s)
    {
        const string q = "RQ2b: Does the classical capacity needed grow exponentially or as a power of the quantum capacity?";
        var finding = s.Fits.Preferred switch
        {
            SweepAnalysis.Exponential => $"Exponential ({s.Fits.Verdict}).",
            SweepAnalysis.Power => $"Power law ({s.Fits.Verdict}).",
            _ => $"Undetermined ({s.Fits.Verdict}).",
        };
        return new Answer("RQ2b", q, finding, Laws(s.Fits, Pct(s)) + " (x = quantum parameters)");
    }

    private static Answer Autoencoders(ReportInputs inputs)
    {
        const string q = "RQ3: What is the effect of the autoencoder's quality?";
        var s = inputs.Summary;
        if (s.Autoencoders.Count > 1)
        {
            var rows = s.Autoencoders.Select(a =>
                $"{a.Name}: reconstruction MSE {(a.ReconstructionMse is double mse ? F(mse) : "unknown")}, {F(a.StableShare, "P0")} stable runs, " +
                $"best FID quantum {(a.Result.BestQuantumFid is double bq ? F(bq) : "-")} / classical {(a.Result.BestClassicalFid is double bc ? F(bc) : "-")}, law: {a.Result.Fits.Preferred ?? "undetermined"}");
            bool changed = s.Autoencoders.Any(a => a.LawChanged);
            return new Answer("RQ3", q,
                changed ? "The fitted laws change with the autoencoder (see the autoencoder table)." : $"The fitted laws do not change across the {s.Autoencoders.Count} autoencoders.",
                string.Join("; ", rows));
        }
        if (inputs.Autoencoder is not { } ae)
        {
            return new Answer("RQ3", q, "Not measured: the sweep trained on pre-encoded latents with one (or no) autoencoder; list several in data.autoencoders to measure the effect.", "-");
        }
        var quality = ae.Quality;
        return new Answer("RQ3", q,
            $"Not measured by this sweep: it uses one autoencoder (validation MSE {F(quality.ValidationMse)}, {F(quality.RelativeToBaseline, "P1")} of the mean-image baseline {F(quality.MeanImageBaselineMse)}). List several in data.autoencoders to measure the effect.",
            $"{ae.Data.Description}; latent size {ae.Architecture.LatentSize}");
    }

    // RQ4 (hardware-like sampling across shots and noise) belongs to the hardware study; until its summary exists the
    // report lists the hardware JSON files it finds.
    private static Answer NoisySampling(ReportInputs inputs)
    {
        const string q = "RQ4: Noise-free versus noisy (hardware-like) sampling of the quantum generator?";
        if (inputs.Hardware.Count == 0)
        {
            return new Answer("RQ4", q, "Not run (no hardware/*.json or runs/*/hardware/*.json in the sweep directory; see qgan hardware-sim).", "-");
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
        return new Answer("RQ4", q, string.Join("; ", findings) + ".", $"{inputs.Hardware.Count} file(s) in hardware/");
    }

    private static Answer Costs(SweepSummary s)
    {
        const string q = "RQ5: At matched FID, what do the quantum and the classical generator cost?";
        var matched = s.Costs.Where(c => c.ClassicalLabel is not null).ToList();
        if (matched.Count == 0)
        {
            return new Answer("RQ5", q, "Not determined: no quantum generator is matched by a classical grid generator.", "-");
        }
        static string T(double? v) => v is double d ? d.ToString("G3", CultureInfo.InvariantCulture) : "unknown";
        var rows = matched.Select(c =>
            $"{c.QuantumLabel} ({c.QuantumParameters} p) vs {c.ClassicalLabel} ({c.ClassicalParameters} p): training {T(c.QuantumSecondsPerIteration)} vs {T(c.ClassicalSecondsPerIteration)} s/iteration, " +
            $"inference {T(c.QuantumInferenceSecondsPerSample)} vs {T(c.ClassicalInferenceSecondsPerSample)} s/sample (simulator vs MLP)" +
            (c.ShotsPerSample is long shots ? $", hardware {c.CircuitExecutionsPerSample} circuit executions and {shots} shots per sample vs {c.ClassicalMultiplyAddsPerSample?.ToString(CultureInfo.InvariantCulture) ?? "?"} multiply-adds" : ""));
        int cheaperParams = matched.Count(c => c.ClassicalParameters < c.QuantumParameters);
        var finding = $"{matched.Count} quantum generator(s) matched by a classical grid generator; the classical one has fewer parameters in {cheaperParams} of them. " +
            (matched.All(c => c.QuantumSecondsPerIteration is double qt && c.ClassicalSecondsPerIteration is double ct && qt > ct)
                ? "Every matched quantum generator trains slower per iteration than its classical match."
                : matched.All(c => c.QuantumSecondsPerIteration is not null && c.ClassicalSecondsPerIteration is not null)
                    ? "Training speed per iteration differs in direction between depths."
                    : "Training times are not recorded in runs.csv.");
        return new Answer("RQ5", q, finding, string.Join("; ", rows));
    }

    private static Answer Training(SweepSummary s)
    {
        var c = s.Counts;
        var finding = $"{c.Stable} of {c.Finished} finished runs trained stably; {c.Diverged} diverged, {c.Crashed} crashed."
            + (c.Converged + c.BudgetLimited > 0 ? $" {c.Converged} converged (FID plateau), {c.BudgetLimited} ran out of iterations ({c.BudgetLimitedCells} budget-limited cells)." : " runs.csv does not say which runs converged.")
            + (s.Budget is { } b ? (b.Changed ? " Without the budget-limited runs the verdicts change (see the budget table)." : " Without the budget-limited runs the verdicts do not change.") : "")
            + (s.Partial ? $" The sweep is partial: {c.Missing} of {c.Total} runs have not finished." : "");
        var a = s.Analysis;
        return new Answer("Training", "How many runs trained stably and converged?", finding,
            $"stable = completed, >= {a.LastK} evaluations, |Wasserstein estimate| <= {F(a.MaxAbsWasserstein)}, and the last {a.LastK} FIDs neither drift nor oscillate beyond the seed noise of their cell " +
            $"(docs/sweep.md, Stability; relative spread <= {F(a.MaxFidSpread)} where runs.csv lacks the trend columns); a cell needs >= {a.MinStableFraction:P0} stable seeds");
    }

    private static Answer Measurement(SweepSummary s)
    {
        var pct = Pct(s);
        var spaces = s.Spaces.Select(h => $"{h.Name}: {h.Fits.Preferred ?? "undetermined"} (exponential b CI {Interval(h.Fits.ExponentialBCi)}, power b CI {Interval(h.Fits.PowerBCi)})").ToList();
        bool agree = s.Spaces.Select(h => h.Fits.Preferred).Distinct().Count() <= 1;
        var finding = s.Spaces.Count <= 1
            ? $"Only the {s.Space} space is recorded."
            : agree ? $"The law verdict is the same in all {s.Spaces.Count} recorded spaces." : "The law verdict depends on the FID space (see the spaces table).";
        var floor = s.NoiseFloor is { } f
            ? $"; noise floor {(f.Fid is double v ? F(v) : "-")} at {f.EvalSamples} samples ({f.Note})"
            : "; no noise floor measured";
        return new Answer("Measurement", "Do the conclusions depend on the FID space, and where is the noise floor?", finding,
            $"headline: {s.Space} FID (column {s.FidColumn}), {(s.EvalSamples is int n ? $"{n} samples per set" : "sample size not recorded")}{floor}; " + string.Join("; ", spaces) + $" ({pct} intervals)");
    }
}
