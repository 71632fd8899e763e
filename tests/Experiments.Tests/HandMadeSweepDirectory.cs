using System.Globalization;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Runs;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Experiments.Tests;

/// <summary>
/// A sweep directory whose run folders (run.json, result.json, metrics.csv) are written by hand so that collecting
/// them must give the rows of <see cref="HandMadeSweep"/>: the grid below expands in the same index order, and each
/// metrics.csv ends with FIDs fid (1 - s/2), fid (1 + s/2), fid (mean fid, relative spread s; a zigzag with trend
/// d = fid s/2 and residual SD sqrt(1.5) d, so the stability criterion judges every row as the spread rule does) and
/// |W| = max_abs_wasserstein.
/// </summary>
internal static class HandMadeSweepDirectory
{
    public const string Config = """
        {
          "data": { "latents": "lat.csv" },
          "generators": { "quantum": { "layers": [1, 2, 3, 4] }, "classical": { "widths": [4, 8, 16, 32, 64], "depth": 1 } },
          "critic": { "widths": [8, 16], "depth": 1 },
          "seeds": [1, 2],
          "training": { "iterations": 100, "metricsInterval": 10 },
          "analysis": { "lastK": 3, "maxFidSpread": 0.25, "maxAbsWasserstein": 100, "minStableFraction": 0.5,
                        "bootstrap": { "samples": 200, "seed": 11, "confidence": 0.9 } }
        }
        """;

    /// <summary>Writes the config, latents and every run folder into <paramref name="directory"/>; returns the layout.</summary>
    public static SweepLayout Write(string directory)
    {
        File.WriteAllLines(Path.Combine(directory, "lat.csv"), Enumerable.Range(0, 20).Select(i => string.Join(",", Enumerable.Repeat((i % 5 / 10.0).ToString(CultureInfo.InvariantCulture), 24))));
        var config = SweepConfigParser.Parse(Config, "hand-made sweep.json", directory);
        var layout = new SweepLayout(Path.Combine(directory, "sweep"));
        Directory.CreateDirectory(layout.Directory);
        AtomicFile.WriteAllText(layout.ConfigPath, config.ToJson());
        var csv = Path.Combine(directory, "hand-made-runs.csv");
        File.WriteAllText(csv, HandMadeSweep.RunsCsv);
        foreach (var row in RunsCsv.Read(csv))
        {
            var spec = config.Run(row.Index);
            Directory.CreateDirectory(layout.RunDirectory(row.Index));
            new SweepRunRecord
            {
                Index = row.Index,
                Generator = spec.Generator,
                CriticHidden = [spec.CriticWidth],
                Seed = spec.Seed,
                GeneratorParameters = row.GeneratorParams,
                CriticParameters = row.CriticParams,
                Options = config.Options(spec),
                Data = config.Data,
                ConfigHash = config.Options(spec).ConfigHash(),
            }.Save(layout.RunJsonPath(row.Index));
            var metrics = new System.Text.StringBuilder(string.Join(",", MetricsLog.Columns) + "\n");
            double fid = row.Fid ?? 5, s = row.FidSpread ?? 0.1, w = row.MaxAbsWasserstein ?? 1;
            double[] last = row.Evaluations >= 3 ? [fid * (1 - s / 2), fid * (1 + s / 2), fid] : [fid * (1 - s / 2), fid * (1 + s / 2)];
            var fids = Enumerable.Repeat(3 * fid, Math.Max(0, row.Evaluations - last.Length)).Concat(last).ToList();
            for (int k = 0; k < fids.Count; k++)
            {
                // iteration, critic_loss, wasserstein_estimate, gradient_penalty, generator_loss, critic_grad_norm,
                // generator_grad_norm, latent_fid, latent_jsd, pixel_fid, pixel_jsd, elapsed_seconds, validation_fid
                metrics.Append(CultureInfo.InvariantCulture, $"{10 * (k + 1)},,{(k % 2 == 0 ? w : -w):R},,,,,{fids[k]:R},{row.Jsd:R},,,0,\n");
            }
            File.WriteAllText(layout.Run(row.Index).MetricsPath, metrics.ToString());
            new SweepRunResult { Index = row.Index, Status = row.Status, Iterations = row.Iterations, FinishedUtc = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) }
                .Save(layout.ResultPath(row.Index));
        }
        return layout;
    }
}
