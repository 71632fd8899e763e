using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Experiments.Analysis;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Hardware;
using QGan.MLNet.Experiments.Measurement;
using QGan.MLNet.Experiments.Runs;
using QGan.MLNet.Quantum.Noise;
using QGan.MLNet.Trainers.Gan.Evaluation;
using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Hardware;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.Data;

namespace QGan.MLNet.Experiments.Execution;

/// <summary>
/// The measurements a sweep makes besides its runs (docs/sweep.md, "Measurement"), each written once and skipped when
/// it is already there: the noise floor (<c>noise-floor.json</c>) and the autoencoders' reconstruction errors
/// (<c>autoencoders.json</c>) at any time; when every run has finished, the pixel FID of every generator's best cell
/// (<c>runs/I/pixel-fid.json</c>) and the shot study of every quantum depth's best run (<c>shots.json</c>).
/// </summary>
public static class SweepPostPass
{
    /// <summary>Generator seed of the held-out synthetic patches for the reconstruction error (the sweep and the shipped autoencoder use seed 1).</summary>
    public const ulong HeldOutImageSeed = 1001;

    /// <summary>The shot study's generator noise is the run seed XOR this.</summary>
    public const long ShotNoiseSalt = 0x5407_5EED;

    /// <summary>What one pass wrote (false / 0: already there or not applicable).</summary>
    public sealed record Outcome(bool NoiseFloor, bool Autoencoders, int PixelFids, bool Shots);

    public static Outcome Run(SweepConfig config, SweepLayout layout, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(layout);
        log ??= _ => { };
        using var inputs = new SweepInputs(config, layout);
        bool floor = false, autoencoders = false, shots = false;
        int pixel = 0;
        if (!File.Exists(layout.NoiseFloorPath))
        {
            log("noise floor: FID and JSD between the validation and test splits of every seed");
            Save(NoiseFloor(inputs), layout.NoiseFloorPath);
            floor = true;
        }
        if (!File.Exists(layout.AutoencodersPath) && config.AutoencoderList().Count > 0)
        {
            log("autoencoders: reconstruction error on held-out images");
            Autoencoders(inputs).Save(layout.AutoencodersPath);
            autoencoders = true;
        }
        if (config.Runs().All(r => layout.IsFinished(r.Index)))
        {
            var rows = SweepCollector.Rows(config, layout);
            if (config.Evaluation.PixelFid == "best")
            {
                pixel = BestCellPixelFids(inputs, rows, log);
            }
            if (config.Hardware is { } hardware && config.Generators.Quantum is not null)
            {
                shots = ShotStudies(inputs, rows, hardware, log);
            }
        }
        return new Outcome(floor, autoencoders, pixel, shots);
    }

    /// <summary>
    /// FID and JSD between two disjoint real sets of the evaluation size (validation and test split), per space; mean
    /// over seeds (and autoencoders, each autoencoder's own floors under <c>autoencoders</c> for studies with several).
    /// The file is the analysis's <see cref="NoiseFloorFile"/> (docs/sweep.md, "Noise floor").
    /// </summary>
    public static NoiseFloorFile NoiseFloor(SweepInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var config = inputs.Config;
        var names = config.AutoencoderList().Select(a => (string?)a.Name).DefaultIfEmpty(null).ToList();
        bool pixelFid = config.Evaluation.PixelFid != "none";
        var perAutoencoder = new SortedDictionary<string, IReadOnlyDictionary<string, FidJsd>>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var perSeed = config.Seeds.Select(seed => RunEvaluator.Compare(
                inputs.RealSet(name, seed, validation: true), inputs.RealSet(name, seed), inputs.Maps(name), pixelFid)).ToList();
            perAutoencoder[name ?? ""] = Mean(perSeed);
        }
        return new NoiseFloorFile
        {
            Format = NoiseFloorFile.CurrentFormat,
            EvalSamples = inputs.HeldOutRows(names[0]),
            Spaces = Mean([.. perAutoencoder.Values.Select(v => v.ToDictionary(p => p.Key, p => new SpaceQuality(p.Value.Fid, p.Value.Jsd!.Value)))]),
            Autoencoders = names.Count > 1 ? perAutoencoder : null,
        };
    }

    /// <summary>Writes a noise floor atomically (null keys omitted).</summary>
    public static void Save(NoiseFloorFile floor, string path)
    {
        ArgumentNullException.ThrowIfNull(floor);
        Transforms.IO.AtomicFile.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(floor, SweepJson.Options) + "\n");
    }

    private static IReadOnlyDictionary<string, FidJsd> Mean(IReadOnlyList<IReadOnlyDictionary<string, SpaceQuality>> sets)
    {
        var result = new SortedDictionary<string, FidJsd>(StringComparer.Ordinal);
        foreach (var space in sets.SelectMany(s => s.Keys).Distinct())
        {
            var values = sets.Where(s => s.ContainsKey(space)).Select(s => s[space]).ToList();
            var fids = values.Where(v => v.Fid is not null).Select(v => v.Fid!.Value).ToList();
            result[space] = new FidJsd(fids.Count == values.Count ? fids.Average() : null, values.Average(v => v.Jsd));
        }
        return result;
    }

    /// <summary>Each autoencoder's mean squared reconstruction error on images none of them was trained on.</summary>
    public static AutoencodersFile Autoencoders(SweepInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var config = inputs.Config;
        var ml = inputs.Context;
        int count = Math.Min(1000, inputs.HeldOutRows(config.AutoencoderList()[0].Name));
        IDataView? images = null;
        string source;
        if (config.Data.Synthetic is not null)
        {
            images = ml.QGan().Data.Synthetic(count, HeldOutImageSeed);
            source = $"{count} synthetic patches of generator seed {HeldOutImageSeed} (the sweep and the shipped autoencoder use seed 1)";
        }
        else if (config.Data.Path is { } path)
        {
            try
            {
                images = ml.Data.TakeRows(ml.QGan().Data.LoadSat4(path, Sat4Schema.TestSplit), count);
                source = $"the first {count} patches of the test split of {path}";
            }
            catch (Exception ex) when (ex is InvalidDataException or ArgumentException or IOException or InvalidOperationException)
            {
                source = $"none: {path} has no test split ({ex.Message})";
            }
        }
        else
        {
            source = "none: the sweep trains on pre-encoded latents";
        }
        var entries = new List<AutoencoderEntry>();
        foreach (var entry in config.AutoencoderList())
        {
            var ae = inputs.Autoencoder(entry.Name)!;
            double? mse = null;
            int n = 0;
            if (images is not null)
            {
                var originals = images.GetColumn<float[]>(ae.ImageColumnName).ToList();
                var latents = ae.Transform(images).GetColumn<float[]>(ae.LatentColumnName).SelectMany(v => v).ToArray();
                var decoded = new OnnxLatentDecoder(ml, ae.Decoder).Decode(latents);
                double sum = 0;
                long values = 0;
                for (int r = 0; r < originals.Count; r++)
                {
                    var x = originals[r];
                    for (int k = 0; k < x.Length; k++)
                    {
                        double e = decoded[r * x.Length + k] - x[k];
                        sum += e * e;
                    }
                    values += x.Length;
                }
                n = originals.Count;
                mse = values > 0 ? sum / values : null;
            }
            entries.Add(new AutoencoderEntry(entry.Name, inputs.AutoencoderDirectory(entry.Name)!, mse, n, source));
        }
        return new AutoencodersFile { Autoencoders = entries };
    }

    /// <summary>
    /// The best cell of every generator (per autoencoder): among its (critic width, learning rates) cells, the one with the
    /// lowest mean validation FID over its completed runs — selected on the validation split, like the learning rate.
    /// </summary>
    public static IEnumerable<IGrouping<string, SweepRunRow>> BestCells(IReadOnlyList<SweepRunRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var generator in rows.Where(r => r.Status == SweepRunStatus.Completed).GroupBy(r => (r.Autoencoder, r.GeneratorKey)))
        {
            var best = generator
                .GroupBy(r => $"{r.CriticWidth}/{r.GeneratorLr}/{r.CriticLr}")
                .Select(cell => (Cell: cell, Score: Score(cell)))
                .Where(c => c.Score is not null)
                .OrderBy(c => c.Score).ThenBy(c => c.Cell.Min(r => r.Index))
                .Select(c => c.Cell)
                .FirstOrDefault();
            if (best is not null)
            {
                yield return best;
            }
        }
    }

    private static double? Score(IEnumerable<SweepRunRow> cell)
    {
        var values = cell.Select(r => r.ValidationFid ?? r.Fid).ToList();
        return values.All(v => v is not null) ? values.Average() : null;
    }

    private static int BestCellPixelFids(SweepInputs inputs, IReadOnlyList<SweepRunRow> rows, Action<string> log)
    {
        int written = 0;
        foreach (var cell in BestCells(rows))
        {
            foreach (var row in cell)
            {
                var layout = inputs.Layout;
                if (File.Exists(layout.PixelFidPath(row.Index)))
                {
                    continue;
                }
                var maps = inputs.Maps(row.Autoencoder);
                using var generator = TrainedGenerator.Load(layout.Run(row.Index).GeneratorDirectory);
                if (RunEvaluator.PixelFid(generator, inputs.RealSet(row.Autoencoder, row.Seed), maps, row.Seed) is not double fid)
                {
                    continue;
                }
                log($"pixel FID of run {row.Index} ({row.GeneratorLabel}, best cell): {fid:G4}");
                new PixelFidFile { Index = row.Index, EvalSamples = inputs.HeldOutRows(row.Autoencoder), PixelFid = fid }.Save(layout.PixelFidPath(row.Index));
                written++;
            }
        }
        return written;
    }

    /// <summary>The best run of every quantum depth (lowest validation FID; first autoencoder), sampled like hardware.</summary>
    private static bool ShotStudies(SweepInputs inputs, IReadOnlyList<SweepRunRow> rows, SweepHardware hardware, Action<string> log)
    {
        var config = inputs.Config;
        var layout = inputs.Layout;
        var autoencoder = config.AutoencoderList().FirstOrDefault()?.Name;
        var best = rows
            .Where(r => r.IsQuantum && r.Status == SweepRunStatus.Completed && r.Autoencoder == autoencoder && (r.ValidationFid ?? r.Fid) is not null)
            .GroupBy(r => r.Layers!.Value)
            .OrderBy(g => g.Key)
            .Select(g => g.OrderBy(r => r.ValidationFid ?? r.Fid).ThenBy(r => r.Index).First())
            .ToList();
        if (best.Count == 0)
        {
            return false;
        }
        var noise = hardware.NoiseModel is null ? null : NoiseModelJson.Load(hardware.NoiseModel);
        int samples = inputs.HeldOutRows(autoencoder);
        if (File.Exists(layout.ShotsPath))
        {
            var existing = ShotStudyFile.Load(layout.ShotsPath);
            if (existing.Shots.SequenceEqual(hardware.Shots) && existing.NoiseModel == noise?.Name && existing.Seed == (ulong)hardware.Seed
                && existing.EvalSamples == samples && existing.Depths.Select(d => d.Run).SequenceEqual(best.Select(r => (int?)r.Index)))
            {
                return false;
            }
        }
        var settings = new ShotStudySettings(hardware.Shots, noise, hardware.Trajectories, (ulong)hardware.Seed);
        var depths = new List<ShotStudyDepth>();
        foreach (var row in best)
        {
            log($"shot study of quantum L={row.Layers} (run {row.Index}): {string.Join(", ", hardware.Shots)} shots, ideal{(noise is null ? "" : $" and {noise.Name}")}");
            var generator = QuantumGeneratorCircuits.Load(layout.RunDirectory(row.Index));
            var depth = ShotStudy.Run(generator, inputs.RealSet(autoencoder, row.Seed), inputs.Maps(autoencoder), settings, row.Seed ^ ShotNoiseSalt);
            depths.Add(depth with { Run = row.Index });
        }
        new ShotStudyFile
        {
            EvalSamples = samples,
            Shots = hardware.Shots,
            NoiseModel = noise?.Name,
            Trajectories = noise is null ? null : hardware.Trajectories,
            Seed = (ulong)hardware.Seed,
            Depths = depths,
        }.Save(layout.ShotsPath);
        return true;
    }
}
