using System.Globalization;
using System.Net;
using System.Text;
using QGan.MLNet.Experiments.Analysis;

namespace QGan.MLNet.Experiments.Report;

/// <summary>
/// The self-contained report page: inline CSS, figures as PNG files beside it (relative links), no external
/// resources. A small inline script records how many images decoded (<c>#image-check</c>) for headless checks.
/// </summary>
internal static class HtmlReport
{
    public static string Render(
        ReportInputs inputs, IReadOnlyList<ResearchQuestions.Answer> answers, IReadOnlyList<ReportFigure> figures,
        IReadOnlyList<SampleSet> samples, string? samplesMissing)
    {
        var s = inputs.Summary;
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>QGan.MLNet capacity sweep report</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1200px; color: #222; background: #fff; }
            h1 { font-size: 1.8em; } h2 { border-bottom: 2px solid #ddd; padding-bottom: .2em; margin-top: 1.6em; }
            table { border-collapse: collapse; margin: .8em 0; font-size: .92em; }
            th, td { border: 1px solid #ccc; padding: .3em .6em; text-align: left; vertical-align: top; }
            th { background: #f2f2f2; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
            figure { margin: 1em 0; } figure img { max-width: 100%; border: 1px solid #ddd; }
            figcaption { font-size: .9em; color: #555; }
            .samples { display: flex; gap: 1.5em; flex-wrap: wrap; } .samples figure { margin: .3em 0; }
            .partial { background: #fff3cd; border: 1px solid #e0c36c; padding: .6em; }
            .note { color: #555; font-size: .9em; }
            </style>
            </head>
            <body>
            <h1>Capacity-scaling sweep</h1>
            """);
        var c = s.Counts;
        html.Append(CultureInfo.InvariantCulture,
            $"<p>{c.Finished} of {c.Total} runs finished ({c.Completed} completed, {c.Diverged} diverged, {c.Crashed} crashed, {c.Stable} stable; " +
            $"{c.Converged} converged, {c.BudgetLimited} budget-limited); " +
            $"{inputs.Config.GeneratorGrid().Count} generator capacities x {inputs.Config.Critic.Widths.Count} critic capacities x {inputs.Config.Seeds.Count} seeds, " +
            $"up to {inputs.Config.Training.Iterations} iterations per run. Quality = {E(s.Space)} FID (runs.csv column <code>{E(s.FidColumn)}</code>" +
            $"{(s.EvalSamples is int n ? $", {n} samples per set" : "")}).</p>\n");
        if (s.Partial)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"partial\">Partial sweep: {c.Missing} runs have not finished; every number below uses the finished runs only.</p>\n");
        }
        html.Append("<p id=\"image-check\" class=\"note\" data-loaded=\"-1\" data-total=\"-1\">figures not checked (scripts disabled)</p>\n");

        html.Append("<h2>Research questions</h2>\n<table>\n<tr><th>question</th><th>answer from the data</th><th>evidence</th></tr>\n");
        foreach (var a in answers)
        {
            html.Append($"<tr><td>{E(a.Question)}</td><td>{E(a.Finding)}</td><td class=\"note\">{E(a.Evidence)}</td></tr>\n");
        }
        html.Append("</table>\n");

        AppendVerdicts(html, s);
        AppendSpaces(html, s);

        html.Append("<h2>Generator capacities</h2>\n<table>\n<tr><th>generator</th><th>parameters</th><th>best stable FID</th><th>optimal critic (grid cell)</th><th>optimal critic parameters (fitted vertex)</th>" +
            $"<th>{E(Pct(s))} interval</th><th>eligible cells</th><th>flags</th></tr>\n");
        foreach (var g in s.Generators)
        {
            var v = g.CriticVertex;
            string vertex = v switch
            {
                null => "-",
                { Status: CriticVertex.Interior } => N(v.CriticParameters, "F0"),
                { Status: CriticVertex.LeftCensored } => $"&lt;= {N(v.CriticParameters, "F0")} (left-censored)",
                { Status: CriticVertex.RightCensored } => $"&gt;= {N(v.CriticParameters, "F0")} (right-censored)",
                _ => "no fit",
            };
            var flags = new List<string>();
            if (g.BudgetLimited)
            {
                flags.Add("budget-limited");
            }
            if (g.AtNoiseFloor)
            {
                flags.Add("at the noise floor");
            }
            if (g.Cells.Any(x => x.LrSelectedBy == "reported"))
            {
                flags.Add("learning rate chosen on the reported split");
            }
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(g.Label)}</td><td class=\"num\">{g.Parameters}</td><td class=\"num\">{N(g.BestFid)}</td>" +
                $"<td class=\"num\">{(g.OptimalCritic is { } o ? $"w={o.CriticWidth} ({o.CriticParameters} p)" : "-")}</td><td class=\"num\">{vertex}</td>" +
                $"<td class=\"num\">{E(ResearchQuestions.Interval(v?.Ci, "F0"))}</td><td class=\"num\">{g.Cells.Count(x => x.Eligible)}/{g.Cells.Count}</td><td>{E(string.Join(", ", flags))}</td></tr>\n");
        }
        html.Append("</table>\n");

        if (s.Matching.Count > 0)
        {
            html.Append($"<h2>Matched classical capacity</h2>\n<table>\n<tr><th>quantum layers</th><th>quantum parameters</th><th>quantum FID</th><th>status</th><th>classical parameters needed</th><th>{E(Pct(s))} interval</th><th>ratio</th><th>ratio interval</th><th>more parameter-efficient</th></tr>\n");
            foreach (var m in s.Matching)
            {
                string needed = m.Status switch
                {
                    CapacityMatch.AtOrBelowGrid => $"&lt;= {N(m.ClassicalParameters, "F0")}",
                    CapacityMatch.NotReached => m.Bracket is { Length: > 0 } b ? $"&gt; {b[^1]}" : "-",
                    CapacityMatch.AtNoiseFloor => $"&gt;= {N(m.ClassicalParameters, "F0")}",
                    _ => N(m.ClassicalParameters, "F0"),
                };
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td class=\"num\">{m.Layers}</td><td class=\"num\">{m.QuantumParameters}</td><td class=\"num\">{N(m.QuantumFid)}</td><td>{E(m.Status)}</td>" +
                    $"<td class=\"num\">{needed}</td><td class=\"num\">{E(ResearchQuestions.Interval(m.Ci, "F0"))}</td><td class=\"num\">{N(m.Ratio)}</td>" +
                    $"<td class=\"num\">{E(ResearchQuestions.Interval(m.RatioCi))}</td><td>{E(ResearchQuestions.Efficiency(m))}</td></tr>\n");
            }
            html.Append("</table>\n");
        }

        AppendBudget(html, s);
        AppendAutoencoders(html, s);
        AppendCosts(html, s);

        html.Append("<h2>Figures</h2>\n");
        foreach (var f in figures)
        {
            html.Append($"<figure><img src=\"{E(f.FileName)}\" alt=\"{E(f.Caption)}\"><figcaption>{E(f.Caption)}</figcaption></figure>\n");
        }

        html.Append("<h2>Samples</h2>\n");
        if (samples.Count == 0)
        {
            html.Append($"<p class=\"note\">No sample grids: {E(samplesMissing ?? "nothing to draw")}.</p>\n");
        }
        foreach (var set in samples)
        {
            html.Append($"<h3>{E(set.Title)}</h3>\n<div class=\"samples\">");
            foreach (var f in set.Views)
            {
                html.Append($"<figure><img src=\"{E(f.FileName)}\" alt=\"{E(set.Title)}: {E(f.Caption)}\"><figcaption>{E(f.Caption)}</figcaption></figure>");
            }
            html.Append("</div>\n");
        }

        html.Append(ShotStudySection.Html(inputs));
        AppendHardware(html, inputs);

        html.Append("<h2>Runs</h2>\n<table>\n<tr><th>run</th><th>generator</th><th>critic width</th><th>seed</th><th>learning rates</th><th>gen. params</th><th>critic params</th><th>status</th><th>stop</th><th>latent FID</th><th>trend</th><th>residual SD</th><th>max |W|</th><th>stable</th></tr>\n");
        foreach (var r in inputs.Rows)
        {
            var judged = inputs.Stability[r.Index];
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td class=\"num\">{r.Index}</td><td>{E(r.GeneratorLabel)}{(r.Autoencoder is { } ae ? $" ({E(ae)})" : "")}</td><td class=\"num\">{r.CriticWidth}</td><td class=\"num\">{r.Seed}</td>" +
                $"<td class=\"num\">{(r.GeneratorLr is null && r.CriticLr is null ? "-" : $"{N(r.GeneratorLr)} / {N(r.CriticLr)}")}</td>" +
                $"<td class=\"num\">{r.GeneratorParams}</td><td class=\"num\">{r.CriticParams}</td><td>{E(r.Status)}</td><td>{E(r.StopReason ?? "-")}</td><td class=\"num\">{N(r.Fid)}</td>" +
                $"<td class=\"num\">{N(r.FidTrend)}</td><td class=\"num\">{N(r.FidResidualSd)}</td><td class=\"num\">{N(r.MaxAbsWasserstein)}</td>" +
                $"<td>{(judged.Stable ? "yes" : "no: " + E(judged.Reason ?? ""))}</td></tr>\n");
        }
        html.Append("</table>\n");
        html.Append("""
            <script>
            window.addEventListener('load', function () {
              var images = document.images, loaded = 0;
              for (var i = 0; i < images.length; i++) {
                images[i].setAttribute('data-natural-width', images[i].naturalWidth);
                if (images[i].complete && images[i].naturalWidth > 0) { loaded++; }
              }
              var check = document.getElementById('image-check');
              check.setAttribute('data-loaded', loaded);
              check.setAttribute('data-total', images.length);
              check.textContent = loaded + ' of ' + images.length + ' figures loaded';
            });
            </script>
            </body>
            </html>
            """);
        return html.ToString();
    }

    private static string Pct(SweepSummary s) => s.Analysis.Bootstrap.Confidence.ToString("P0", CultureInfo.InvariantCulture);

    /// <summary>Every law comparison with both slopes, their intervals and the verdict, whatever it is.</summary>
    private static void AppendVerdicts(StringBuilder html, SweepSummary s)
    {
        html.Append($"<h2>Scaling laws</h2>\n<table>\n<tr><th>relation</th><th>verdict</th><th>exponential b ({E(Pct(s))} interval)</th><th>power b ({E(Pct(s))} interval)</th><th>AIC(exp) - AIC(power)</th><th>bootstrap share exp / power</th><th>points (bounds)</th></tr>\n");
        var relations = new List<(string, ScalingFits)> { ("classical parameters needed vs quantum parameters", s.Fits) };
        if (s.CriticFits is { } critics)
        {
            relations.Add(("optimal critic parameters vs quantum generator parameters", critics.Quantum));
            relations.Add(("optimal critic parameters vs classical generator parameters", critics.Classical));
        }
        foreach (var (name, fits) in relations)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(name)}</td><td>{E(fits.Verdict)}</td>" +
                $"<td class=\"num\">{N(fits.Exponential?.B)} ({E(Interval(fits.Exponential?.Ci?.B))})</td><td class=\"num\">{N(fits.Power?.B)} ({E(Interval(fits.Power?.Ci?.B))})</td>" +
                $"<td class=\"num\">{N(fits.AicDifference, "F2")}</td><td class=\"num\">{(fits.Share is { } sh ? $"{sh.Exponential:P0} / {sh.Power:P0}" : "-")}</td>" +
                $"<td class=\"num\">{(fits.Exponential is { } e ? $"{e.N} ({e.N - e.Measured})" : "-")}</td></tr>\n");
        }
        html.Append("</table>\n<p class=\"note\">Each law is fitted by censored maximum likelihood (bounds enter as bounds). A law is preferred when its AIC(c) is lower by at least 2 and at least the confidence level of the bootstrap replicates prefer it; otherwise the verdict is undetermined (docs/sweep.md, Laws).</p>\n");
    }

    private static string Interval(double[]? ci) => ci is null ? "no interval" : ResearchQuestions.Interval(new double?[] { ci[0], ci[1] });

    /// <summary>The headline results in every recorded FID space, side by side.</summary>
    private static void AppendSpaces(StringBuilder html, SweepSummary s)
    {
        html.Append("<h2>FID spaces</h2>\n");
        if (s.NoiseFloor is { } f)
        {
            var floors = string.Join(", ", f.Spaces.Select(kv => $"{E(kv.Key)} {N(kv.Value.Fid)}"));
            html.Append(CultureInfo.InvariantCulture, $"<p>Noise floor (FID between two disjoint real held-out sets of {f.EvalSamples} samples): {floors}. {E(f.Note)}.</p>\n");
        }
        else
        {
            html.Append("<p class=\"note\">No noise floor measured (no noise-floor.json): FID differences are not compared with the FID between two real sets.</p>\n");
        }
        html.Append("<table>\n<tr><th>space</th><th>runs / stable</th><th>best quantum FID</th><th>best classical FID</th><th>matches (classical parameters)</th><th>law</th><th>optimal critic, quantum</th><th>optimal critic, classical</th></tr>\n");
        foreach (var h in s.Spaces)
        {
            var matches = string.Join(", ", h.Matching.Select(m => $"L={m.Layers}: {(m.ClassicalParameters is double p ? p.ToString("F0", CultureInfo.InvariantCulture) : "-")} ({m.Status})"));
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(h.Name)}{(h.Name == s.Space ? " (headline)" : "")}</td><td class=\"num\">{h.Runs} / {h.StableRuns}</td><td class=\"num\">{N(h.BestQuantumFid)}</td><td class=\"num\">{N(h.BestClassicalFid)}</td>" +
                $"<td>{E(matches)}</td><td>{E(h.Fits.Preferred ?? "undetermined")}</td><td>{E(h.CriticQuantum.Preferred ?? "undetermined")}</td><td>{E(h.CriticClassical.Preferred ?? "undetermined")}</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void AppendBudget(StringBuilder html, SweepSummary s)
    {
        html.Append("<h2>Budget-limited cells</h2>\n");
        if (s.Budget is not { } b)
        {
            html.Append(s.Counts.Converged > 0
                ? "<p>Every run converged (early stopping found an FID plateau): no cell is budget-limited.</p>\n"
                : "<p class=\"note\">runs.csv does not record convergence (no <code>converged</code> values): budget-limited cells cannot be flagged.</p>\n");
            return;
        }
        var w = b.WithoutBudgetLimited;
        html.Append(CultureInfo.InvariantCulture,
            $"<p>{b.BudgetLimitedRuns} runs ran out of iterations before their FID reached a plateau; {b.BudgetLimitedCells} eligible cells include one. " +
            $"Rerun without those runs, the verdicts {(b.Changed ? "<strong>change</strong>" : "do not change")}:</p>\n<table>\n<tr><th>relation</th><th>with every run</th><th>without budget-limited runs</th></tr>\n" +
            $"<tr><td>classical parameters needed</td><td>{E(s.Fits.Preferred ?? "undetermined")}</td><td>{E(w.Fits.Verdict)}</td></tr>\n" +
            $"<tr><td>optimal critic, quantum</td><td>{E(s.CriticFits?.Quantum.Preferred ?? "undetermined")}</td><td>{E(w.CriticQuantum.Verdict)}</td></tr>\n" +
            $"<tr><td>optimal critic, classical</td><td>{E(s.CriticFits?.Classical.Preferred ?? "undetermined")}</td><td>{E(w.CriticClassical.Verdict)}</td></tr>\n</table>\n");
    }

    private static void AppendAutoencoders(StringBuilder html, SweepSummary s)
    {
        if (s.Autoencoders.Count == 0)
        {
            return;
        }
        html.Append("<h2>Autoencoders</h2>\n<table>\n<tr><th>autoencoder</th><th>reconstruction MSE</th><th>runs</th><th>stable</th><th>best quantum FID</th><th>best classical FID</th><th>law</th><th>exponential b</th><th>power b</th><th>changes the verdicts</th></tr>\n");
        foreach (var a in s.Autoencoders)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(a.Name)}{(a.Name == s.Autoencoder ? " (headline)" : "")}</td><td class=\"num\">{N(a.ReconstructionMse)}</td><td class=\"num\">{a.Runs}</td><td class=\"num\">{a.StableShare:P0}</td>" +
                $"<td class=\"num\">{N(a.Result.BestQuantumFid)}</td><td class=\"num\">{N(a.Result.BestClassicalFid)}</td><td>{E(a.Result.Fits.Verdict)}</td>" +
                $"<td class=\"num\">{N(a.Result.Fits.ExponentialB)} ({E(Interval(a.Result.Fits.ExponentialBCi))})</td><td class=\"num\">{N(a.Result.Fits.PowerB)} ({E(Interval(a.Result.Fits.PowerBCi))})</td>" +
                $"<td>{(a.LawChanged ? "yes" : "no")}</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void AppendCosts(StringBuilder html, SweepSummary s)
    {
        if (s.Costs.Count == 0)
        {
            return;
        }
        html.Append("<h2>Costs at matched FID</h2>\n<table>\n<tr><th>quantum generator</th><th>parameters</th><th>FID</th><th>classical match (grid)</th><th>parameters</th><th>FID</th>" +
            "<th>training s/iteration (quantum / classical)</th><th>inference s/sample (simulator / MLP)</th><th>hardware: circuit executions, shots per sample</th><th>MLP multiply-adds per sample</th></tr>\n");
        foreach (var c in s.Costs)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(c.QuantumLabel)}</td><td class=\"num\">{c.QuantumParameters}</td><td class=\"num\">{N(c.QuantumFid)}</td><td>{E(c.ClassicalLabel ?? $"none ({c.MatchStatus})")}</td>" +
                $"<td class=\"num\">{(c.ClassicalParameters?.ToString(CultureInfo.InvariantCulture) ?? "-")}</td><td class=\"num\">{N(c.ClassicalFid)}</td>" +
                $"<td class=\"num\">{N(c.QuantumSecondsPerIteration)} / {N(c.ClassicalSecondsPerIteration)}</td><td class=\"num\">{N(c.QuantumInferenceSecondsPerSample)} / {N(c.ClassicalInferenceSecondsPerSample)}</td>" +
                $"<td class=\"num\">{(c.CircuitExecutionsPerSample?.ToString(CultureInfo.InvariantCulture) ?? "-")}, {(c.ShotsPerSample?.ToString(CultureInfo.InvariantCulture) ?? "-")}</td>" +
                $"<td class=\"num\">{(c.ClassicalMultiplyAddsPerSample?.ToString(CultureInfo.InvariantCulture) ?? "-")}</td></tr>\n");
        }
        html.Append("</table>\n<p class=\"note\">The classical match is the smallest classical grid generator whose fitted FID reaches the quantum one. Times are means over the stable seeds of each generator's optimal-critic cell (runs.csv <code>seconds_per_iteration</code>, <code>inference_seconds_per_sample</code>); hardware shots per sample = measured bases x shots per circuit.</p>\n");
    }

    /// <summary>
    /// RQ4's section: hardware-like sampling. Today it lists the hardware JSON files of the sweep; the hardware study
    /// (FID against shots, ideal and noisy, per depth) renders here.
    /// </summary>
    private static void AppendHardware(StringBuilder html, ReportInputs inputs)
    {
        html.Append("<h2>Noise-free vs noisy sampling</h2>\n");
        if (inputs.Hardware.Count == 0)
        {
            html.Append("<p>Not run: the sweep directory has no <code>hardware/*.json</code> and no <code>runs/*/hardware/*.json</code> (written by <code>qgan hardware-sim</code>).</p>\n");
        }
        foreach (var h in inputs.Hardware)
        {
            html.Append($"<h3>{E(h.File)}</h3>\n");
            if (h.Error is not null)
            {
                html.Append($"<p>{E(h.Error)}</p>\n");
                continue;
            }
            html.Append("<table><tr><th>value</th><th></th></tr>");
            foreach (var (key, value) in h.Numbers)
            {
                html.Append($"<tr><td>{E(key)}</td><td class=\"num\">{N(value, "G6")}</td></tr>");
            }
            html.Append("</table>\n");
        }
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(double? v, string format = "G4") => v is double d ? d.ToString(format, CultureInfo.InvariantCulture) : "-";
}
