using System.Globalization;
using System.Net;
using System.Text;
using QGan.MLNet.Experiments.Hardware;
using QGan.MLNet.Experiments.Measurement;
using ScottPlot;

namespace QGan.MLNet.Experiments.Report;

/// <summary>
/// RQ4 in the report: the shot study of <c>DIR/shots.json</c> (every quantum depth's best run sampled like hardware) as a
/// figure (latent FID against shots, ideal and noisy, with the noise-free FID), a table, and the research-question
/// answer. Without the file the report keeps its older hardware section.
/// </summary>
internal static class ShotStudySection
{
    public const string FigureFileName = "shots.png";

    public static ShotStudyFile? Load(ReportInputs inputs) =>
        File.Exists(inputs.Layout.ShotsPath) ? ShotStudyFile.Load(inputs.Layout.ShotsPath) : null;

    private static string F(double v, string format = "G3") => v.ToString(format, CultureInfo.InvariantCulture);

    private static string Ci(double[]? ci) => ci is { Length: 2 } ? $" [{F(ci[0])}, {F(ci[1])}]" : "";

    private static double Fid(IReadOnlyDictionary<string, SpaceQuality> spaces) => spaces[QualitySpace.Latent].Fid!.Value;

    /// <summary>The RQ4 answer from the shot study (null without one).</summary>
    public static ResearchQuestions.Answer? Answer(ReportInputs inputs)
    {
        if (Load(inputs) is not { } study || study.Depths.Count == 0)
        {
            return null;
        }
        const string q = "RQ4: How does hardware-like sampling (finite shots, device noise) change the quantum generators' quality, per depth?";
        long most = study.Shots[^1], fewest = study.Shots[0];
        var findings = new List<string>();
        var evidence = new List<string>();
        foreach (var d in study.Depths)
        {
            var idealMost = d.Ideal[^1];
            var idealFewest = d.Ideal[0];
            double free = Fid(d.NoiseFree);
            bool idealCovers = idealMost.LatentFidInterval is { } ci && ci[0] <= free && free <= ci[1];
            string part = $"L={d.Layers}: noise-free FID {F(free)}{Ci(d.NoiseFreeLatentFidInterval)}; ideal device {F(Fid(idealFewest.Spaces))}{Ci(idealFewest.LatentFidInterval)} at {fewest} shots, " +
                $"{F(Fid(idealMost.Spaces))}{Ci(idealMost.LatentFidInterval)} at {most}";
            if (d.Noisy is { } noisy)
            {
                var noisyMost = noisy[^1];
                part += $"; {study.NoiseModel} {F(Fid(noisyMost.Spaces))}{Ci(noisyMost.LatentFidInterval)} at {most} (RMS deviation {F(noisyMost.RmsDeviation)} vs shot noise {F(noisyMost.ShotNoiseRms)})";
                bool noiseVisible = noisyMost.LatentFidInterval is { } nci && (nci[0] > free || nci[1] < free);
                findings.Add($"L={d.Layers}: {(idealCovers ? "the ideal device reaches the noise-free FID" : "the ideal device's FID interval at the most shots does not contain the noise-free FID")}; " +
                    $"device noise {(noiseVisible ? $"changes the FID by {(Fid(noisyMost.Spaces) >= free ? "+" : "")}{F(Fid(noisyMost.Spaces) - free)} (outside the interval)" : "does not change the FID beyond its interval")}");
            }
            else
            {
                findings.Add($"L={d.Layers}: {(idealCovers ? "the ideal device reaches the noise-free FID" : "the ideal device's interval at the most shots misses the noise-free FID")} at {most} shots");
            }
            evidence.Add(part);
        }
        var intro = $"{study.EvalSamples} samples per depth, {string.Join("/", study.Shots)} shots per circuit ({study.CircuitsPerSample} circuits per sample)" +
            (study.NoiseModel is null ? ", ideal device only" : $", ideal and {study.NoiseModel} ({study.Trajectories} trajectories)") + "; 95 % bootstrap intervals";
        return new ResearchQuestions.Answer("RQ4", q, string.Join("; ", findings) + ".", intro + ". " + string.Join("; ", evidence));
    }

    /// <summary>The figure: latent FID against shots per depth (ideal solid, noisy dashed, noise-free dotted).</summary>
    public static IEnumerable<ReportFigure> Figures(ReportInputs inputs)
    {
        if (Load(inputs) is not { } study || study.Depths.Count == 0)
        {
            yield break;
        }
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var xs = study.Shots.Select(s => Math.Log10(s)).ToArray();
        for (int i = 0; i < study.Depths.Count; i++)
        {
            var d = study.Depths[i];
            var color = palette.GetColor(i);
            var ideal = plot.Add.ScatterLine(xs, [.. d.Ideal.Select(p => Fid(p.Spaces))]);
            ideal.Color = color;
            ideal.LineWidth = 2;
            ideal.MarkerSize = 7;
            ideal.LegendText = $"L={d.Layers} ideal";
            if (d.Noisy is { } noisy)
            {
                var n = plot.Add.ScatterLine(xs, [.. noisy.Select(p => Fid(p.Spaces))]);
                n.Color = color;
                n.LineWidth = 2;
                n.LinePattern = LinePattern.Dashed;
                n.MarkerShape = MarkerShape.OpenSquare;
                n.MarkerSize = 7;
                n.LegendText = $"L={d.Layers} {study.NoiseModel}";
            }
            var free = plot.Add.HorizontalLine(Fid(d.NoiseFree));
            free.Color = color.WithAlpha(0.6);
            free.LinePattern = LinePattern.Dotted;
            free.LineWidth = 1.5f;
        }
        plot.Axes.Bottom.SetTicks(xs, [.. study.Shots.Select(s => s.ToString("#,0", CultureInfo.InvariantCulture))]);
        plot.Title("Latent FID against shots per circuit (dotted: the noise-free generator)");
        plot.XLabel("shots per circuit (log scale)");
        plot.YLabel("latent FID against the held-out data");
        plot.ShowLegend(Alignment.UpperRight);
        yield return new ReportFigure(FigureFileName,
            "Latent FID of every quantum depth's best run sampled like hardware, against shots per circuit: ideal device (solid), device noise model (dashed), noise-free generator (dotted).",
            plot.GetImageBytes(900, 520, ImageFormat.Png));
    }

    /// <summary>The section's HTML (nothing without a shot study).</summary>
    public static string Html(ReportInputs inputs)
    {
        if (Load(inputs) is not { } study || study.Depths.Count == 0)
        {
            return "";
        }
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.Append("<h2>Hardware-like sampling against shots (RQ4)</h2>\n");
        string devices = study.NoiseModel is null
            ? "on an ideal device"
            : string.Create(CultureInfo.InvariantCulture, $"on an ideal device and with the {E(study.NoiseModel)} noise model ({study.Trajectories} trajectories)");
        html.Append(string.Create(CultureInfo.InvariantCulture,
            $"<p>Each quantum depth's best run (lowest validation FID) sampled like a device: {study.EvalSamples} generated samples, each two circuits (Z and X basis) " +
            $"with the given shots, {devices}; latent FID against the held-out data with 95 % bootstrap intervals (generated samples resampled).</p>\n"));
        html.Append($"<figure><img src=\"{FigureFileName}\" alt=\"latent FID against shots\"><figcaption>Latent FID against shots per circuit; dotted lines: noise-free generators.</figcaption></figure>\n");
        html.Append("<table>\n<tr><th>depth</th><th>run</th><th>parameters</th><th>device</th><th>shots</th><th>latent FID [95 % CI]</th><th>RMS deviation</th><th>shot-noise RMS</th><th>FID to noise-free</th></tr>\n");
        foreach (var d in study.Depths)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td class=\"num\">L={d.Layers}</td><td class=\"num\">{d.Run}</td><td class=\"num\">{d.Parameters}</td><td>noise-free</td><td>-</td><td class=\"num\">{F(Fid(d.NoiseFree), "G4")}{Ci(d.NoiseFreeLatentFidInterval)}</td><td>-</td><td>-</td><td>-</td></tr>\n");
            foreach (var (device, points) in new[] { ("ideal", d.Ideal), (study.NoiseModel ?? "", d.Noisy ?? []) })
            {
                foreach (var p in points)
                {
                    html.Append(CultureInfo.InvariantCulture,
                        $"<tr><td class=\"num\">L={d.Layers}</td><td class=\"num\">{d.Run}</td><td class=\"num\">{d.Parameters}</td><td>{E(device)}</td><td class=\"num\">{p.Shots}</td>" +
                        $"<td class=\"num\">{F(Fid(p.Spaces), "G4")}{Ci(p.LatentFidInterval)}</td><td class=\"num\">{F(p.RmsDeviation, "G3")}</td><td class=\"num\">{F(p.ShotNoiseRms, "G3")}</td><td class=\"num\">{F(p.FidToNoiseFree, "G3")}</td></tr>\n");
                }
            }
        }
        html.Append("</table>\n");
        return html.ToString();
    }
}
