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
            $"<p>{c.Finished} of {c.Total} runs finished ({c.Completed} completed, {c.Diverged} diverged, {c.Stable} stable); " +
            $"{inputs.Config.GeneratorGrid().Count} generator capacities x {inputs.Config.Critic.Widths.Count} critic capacities x {inputs.Config.Seeds.Count} seeds, " +
            $"{inputs.Config.Training.Iterations} iterations per run. Quality = latent FID (mean of the last {s.Analysis.LastK} evaluations).</p>\n");
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

        html.Append("<h2>Generator capacities</h2>\n<table>\n<tr><th>generator</th><th>parameters</th><th>optimal critic width</th><th>critic parameters</th><th>best stable FID</th><th>eligible cells</th></tr>\n");
        foreach (var g in s.Generators)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(g.Label)}</td><td class=\"num\">{g.Parameters}</td><td class=\"num\">{g.OptimalCritic?.CriticWidth.ToString(CultureInfo.InvariantCulture) ?? "-"}</td>" +
                $"<td class=\"num\">{g.OptimalCritic?.CriticParameters.ToString(CultureInfo.InvariantCulture) ?? "-"}</td><td class=\"num\">{N(g.BestFid)}</td>" +
                $"<td class=\"num\">{g.Cells.Count(x => x.Eligible)}/{g.Cells.Count}</td></tr>\n");
        }
        html.Append("</table>\n");

        if (s.Matching.Count > 0)
        {
            html.Append("<h2>Matched classical capacity</h2>\n<table>\n<tr><th>quantum layers</th><th>quantum parameters</th><th>quantum FID</th><th>status</th><th>classical parameters needed</th><th>ratio</th></tr>\n");
            foreach (var m in s.Matching)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td class=\"num\">{m.Layers}</td><td class=\"num\">{m.QuantumParameters}</td><td class=\"num\">{N(m.QuantumFid)}</td><td>{E(m.Status)}</td>" +
                    $"<td class=\"num\">{N(m.ClassicalParameters, "F0")}</td><td class=\"num\">{N(m.Ratio)}</td></tr>\n");
            }
            html.Append("</table>\n");
        }

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

        html.Append("<h2>Runs</h2>\n<table>\n<tr><th>run</th><th>generator</th><th>critic width</th><th>seed</th><th>gen. params</th><th>critic params</th><th>status</th><th>FID</th><th>FID spread</th><th>max |W|</th><th>stable</th></tr>\n");
        foreach (var r in inputs.Rows)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td class=\"num\">{r.Index}</td><td>{E(r.GeneratorLabel)}</td><td class=\"num\">{r.CriticWidth}</td><td class=\"num\">{r.Seed}</td>" +
                $"<td class=\"num\">{r.GeneratorParams}</td><td class=\"num\">{r.CriticParams}</td><td>{E(r.Status)}</td><td class=\"num\">{N(r.Fid)}</td>" +
                $"<td class=\"num\">{N(r.FidSpread)}</td><td class=\"num\">{N(r.MaxAbsWasserstein)}</td><td>{(SweepAnalysis.IsStable(r, s.Analysis) ? "yes" : "no")}</td></tr>\n");
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

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(double? v, string format = "G4") => v is double d ? d.ToString(format, CultureInfo.InvariantCulture) : "-";
}
