using System.Globalization;
using System.Text.Json;
using System.Text;
using QGan.MLNet.Experiments.Analysis;
using QGan.MLNet.Experiments.Hardware;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Cli.Demo;

/// <summary>
/// The demo's own report: <c>summary.md</c> (what ran, how long, the capacity table, the hardware-like results and
/// where every file is) and <c>demo.json</c> (the same facts for scripts), both written atomically.
/// </summary>
internal static class DemoSummary
{
    public const string Format = "qgan-demo/1";

    public static string Write(DemoLayout layout, DemoSettings settings, SweepSummary sweep, ShotStudyFile? shots,
        string? qasm, string report, IReadOnlyList<DemoStageTiming> timings, double elapsedSeconds)
    {
        static string F(double? v, string format = "G4") => v is double d ? d.ToString(format, CultureInfo.InvariantCulture) : "-";
        static string Ci(double[]? ci) => ci is { Length: 2 } ? string.Create(CultureInfo.InvariantCulture, $" [{ci[0]:G3}, {ci[1]:G3}]") : "";
        string Rel(string path) => Path.GetRelativePath(layout.Directory, path);
        var md = new StringBuilder();
        md.Append("# qgan demo\n\n");
        md.Append(settings.Data is null
            ? $"Data: {settings.Synthetic} synthetic SAT-4-like patches (not satellite imagery), encoded to 24-d latents.\n\n"
            : $"Data: {settings.Data} (train split), encoded to latents.\n\n");
        md.Append(CultureInfo.InvariantCulture, $"GANs: WGAN-GP, at most {settings.Iterations} generator iterations{(settings.EarlyStopPatience > 0 ? $" (early stopping after {settings.EarlyStopPatience} evaluations without a 1 % improvement of the validation FID)" : "")}, batch {settings.BatchSize}, seeds {string.Join(",", settings.Seeds)}; ")
          .Append(CultureInfo.InvariantCulture, $"quantum generator {settings.Qubits} qubits, layers {string.Join(",", settings.Layers)}; classical MLP widths {string.Join(",", settings.Widths)}; critic widths {string.Join(",", settings.CriticWidths)}.\n\n");

        md.Append(CultureInfo.InvariantCulture, $"Full report (figures, scaling fits, research questions): `{Rel(report)}`.\n\n");
        md.Append("## Capacity sweep\n\n");
        var c = sweep.Counts;
        md.Append(CultureInfo.InvariantCulture, $"{c.Finished}/{c.Total} runs finished ({c.Completed} completed, {c.Diverged} diverged, {c.Stable} stable). Files: `{Rel(Path.Combine(layout.Sweep, "runs.csv"))}`, `{Rel(Path.Combine(layout.Sweep, "summary.json"))}`.\n\n");
        md.Append("| generator | parameters | optimal critic width | critic parameters | best stable latent FID |\n|---|---:|---:|---:|---:|\n");
        foreach (var g in sweep.Generators)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {g.Label} | {g.Parameters} | {g.OptimalCritic?.CriticWidth.ToString(CultureInfo.InvariantCulture) ?? "-"} | {g.OptimalCritic?.CriticParameters.ToString(CultureInfo.InvariantCulture) ?? "-"} | {F(g.BestFid)} |\n");
        }
        if (sweep.Matching.Count > 0)
        {
            md.Append("\n| quantum layers | quantum parameters | quantum FID | match | classical parameters needed | ratio |\n|---:|---:|---:|---|---:|---:|\n");
            foreach (var m in sweep.Matching)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {m.Layers} | {m.QuantumParameters} | {F(m.QuantumFid)} | {m.Status} | {F(m.ClassicalParameters, "F0")} | {F(m.Ratio, "F2")} |\n");
            }
        }
        md.Append(CultureInfo.InvariantCulture, $"\nScaling: {sweep.Fits.Verdict}\n\n");
        if (shots is not null && shots.Depths.Count > 0)
        {
            md.Append("## Hardware-like sampling (RQ4)\n\n");
            md.Append(CultureInfo.InvariantCulture, $"Every quantum depth's best run (lowest validation FID), {shots.EvalSamples} samples, each a Z-basis and an X-basis circuit; latent FID against the held-out data (95 % bootstrap interval). File: `{Rel(Path.Combine(layout.Sweep, ShotStudyFile.FileName))}`.\n\n");
            md.Append("| depth | run | device | shots | latent FID | RMS deviation | shot-noise RMS |\n|---:|---:|---|---:|---:|---:|---:|\n");
            foreach (var d in shots.Depths)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {d.Layers} | {d.Run} | noise-free | - | {F(d.NoiseFree["latent"].Fid)}{Ci(d.NoiseFreeLatentFidInterval)} | - | - |\n");
                foreach (var (device, points) in new[] { ("ideal", d.Ideal), (shots.NoiseModel ?? "", d.Noisy ?? []) })
                {
                    foreach (var p in points)
                    {
                        md.Append(CultureInfo.InvariantCulture, $"| {d.Layers} | {d.Run} | {device} | {p.Shots} | {F(p.Spaces["latent"].Fid)}{Ci(p.LatentFidInterval)} | {F(p.RmsDeviation, "G3")} | {F(p.ShotNoiseRms, "G3")} |\n");
                    }
                }
            }
            md.Append('\n');
        }
        if (qasm is not null)
        {
            md.Append(CultureInfo.InvariantCulture, $"OpenQASM 3 circuits for a real device: `{Rel(qasm)}` (manifest.json, noise.csv); run them and bring the counts back with `qgan import-counts` (docs/hardware.md).\n\n");
        }
        md.Append("## Timing\n\n| stage | seconds |\n|---|---:|\n");
        foreach (var t in timings)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {t.Stage} | {t.Seconds:F1} |\n");
        }
        md.Append(CultureInfo.InvariantCulture, $"| total | {elapsedSeconds:F1} |\n");

        var json = new
        {
            format = Format,
            settings,
            sweep = new { directory = layout.Sweep, runsCsv = Path.Combine(layout.Sweep, "runs.csv"), summary = Path.Combine(layout.Sweep, "summary.json"), counts = sweep.Counts },
            shots = shots is null ? null : Path.Combine(layout.Sweep, ShotStudyFile.FileName),
            qasm,
            timings,
            elapsedSeconds = Math.Round(elapsedSeconds, 2),
            report,
            summary = layout.Summary,
        };
        AtomicFile.WriteAllText(layout.Json, JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }) + "\n");
        AtomicFile.WriteAllText(layout.Summary, md.ToString());
        return layout.Summary;
    }
}
