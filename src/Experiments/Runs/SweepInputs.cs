using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.ML;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Measurement;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Trainers.Gan.Data;
using QGan.MLNet.Trainers.Gan.Evaluation;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Trainers.Hardware;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Experiments.Runs;

/// <summary>The splits of one run: training rows, the validation split (selection) and the held-out test split (reported FID).</summary>
public sealed record RunSplits(LatentDataSet Train, LatentDataSet Validation, LatentDataSet Test);

/// <summary>
/// What the runs of a sweep share, loaded once per process and reused by every run it trains: the autoencoders (trained
/// by the sweep on first use when the config asks for it), the data encoded once per autoencoder into a shared latent
/// file (<c>DIR/data/latents-NAME.csv</c>, which every worker and Slurm task reads instead of re-encoding), the seeded
/// splits, the decoder and feature network, and the real sets in every quality space. Every shared file is written
/// atomically and identical whoever writes it, so concurrent processes need no coordination beyond the autoencoder
/// training lock. Not thread-safe.
/// </summary>
public sealed class SweepInputs(SweepConfig config, SweepLayout layout) : IDisposable
{
    private readonly MLContext _ml = new(seed: 0);
    private readonly Dictionary<string, AutoencoderTransformer> _autoencoders = [];
    private readonly Dictionary<string, LatentDataSet> _latents = [];
    private readonly Dictionary<string, SpaceMaps> _maps = [];
    private readonly Dictionary<(string, long), RunSplits> _splits = [];
    private readonly Dictionary<(string, long, bool), SpaceSet> _sets = [];

    public SweepConfig Config { get; } = config ?? throw new ArgumentNullException(nameof(config));

    public SweepLayout Layout { get; } = layout ?? throw new ArgumentNullException(nameof(layout));

    public MLContext Context => _ml;

    /// <summary>Rows of each of the validation and test splits: the evaluation sample size.</summary>
    public int HeldOutRows(string? autoencoder) => Config.HeldOut ?? Math.Min(1000, Latents(autoencoder).Rows / 5);

    /// <summary>The folder of an autoencoder of the study (null: pre-encoded latents without one).</summary>
    public string? AutoencoderDirectory(string? name)
    {
        if (name is null)
        {
            return null;
        }
        var entry = Config.AutoencoderList().FirstOrDefault(a => a.Name == name)
            ?? throw new ArgumentException($"the sweep has no autoencoder named '{name}'", nameof(name));
        return entry.Path ?? Layout.AutoencoderDirectory(entry.Name);
    }

    /// <summary>An autoencoder of the study, trained first when the sweep trains it and it is not there yet.</summary>
    public AutoencoderTransformer? Autoencoder(string? name)
    {
        if (name is null)
        {
            return null;
        }
        if (_autoencoders.TryGetValue(name, out var loaded))
        {
            return loaded;
        }
        var entry = Config.AutoencoderList().First(a => a.Name == name);
        var dir = AutoencoderDirectory(name)!;
        if (entry.Train is { } train && !File.Exists(Path.Combine(dir, AutoencoderModelInfo.FileName)))
        {
            TrainAutoencoder(dir, train);
        }
        var ae = AutoencoderTransformer.Load(_ml, dir);
        _autoencoders[name] = ae;
        return ae;
    }

    /// <summary>The sweep's data in an autoencoder's latent space (or the given latents).</summary>
    public LatentDataSet Latents(string? autoencoder)
    {
        var key = autoencoder ?? "";
        if (_latents.TryGetValue(key, out var cached))
        {
            return cached;
        }
        var data = Config.Data;
        LatentDataSet latents;
        if (data.Latents is not null)
        {
            latents = LatentSources.ReadCsv(data.Latents);
        }
        else
        {
            latents = SharedEncoded(autoencoder!);
        }
        if (Autoencoder(autoencoder) is { } ae && ae.Encoder.LatentSize != latents.Width)
        {
            throw new InvalidDataException($"{latents.Source}: latents have {latents.Width} values, the autoencoder's decoder takes {ae.Encoder.LatentSize}");
        }
        _latents[key] = latents;
        return latents;
    }

    /// <summary>The seeded training / validation / test split of a run (the same for every run of the seed).</summary>
    public RunSplits Splits(string? autoencoder, long seed)
    {
        var key = (autoencoder ?? "", seed);
        if (!_splits.TryGetValue(key, out var splits))
        {
            int rows = HeldOutRows(autoencoder);
            var (train, validation, test) = LatentSources.SplitEvaluation(Latents(autoencoder), rows, rows, seed);
            splits = new RunSplits(train, validation!, test);
            _splits[key] = splits;
        }
        return splits;
    }

    /// <summary>The decoder and feature network of an autoencoder's space (latent space only without an autoencoder).</summary>
    public SpaceMaps Maps(string? autoencoder)
    {
        var key = autoencoder ?? "";
        if (!_maps.TryGetValue(key, out var maps))
        {
            var ae = Autoencoder(autoencoder);
            var decoder = ae is null ? null : new OnnxLatentDecoder(_ml, ae.Decoder);
            maps = new SpaceMaps(decoder, SpaceMaps.FeatureNetwork(Config.Evaluation.FeatureModel, decoder));
            _maps[key] = maps;
        }
        return maps;
    }

    /// <summary>The test (or validation) split of a seed in every quality space.</summary>
    public SpaceSet RealSet(string? autoencoder, long seed, bool validation = false)
    {
        var key = (autoencoder ?? "", seed, validation);
        if (!_sets.TryGetValue(key, out var set))
        {
            var splits = Splits(autoencoder, seed);
            var rows = validation ? splits.Validation : splits.Test;
            set = SpaceSet.From(rows.Values, rows.Width, Maps(autoencoder), validation ? "validation" : "held-out");
            _sets[key] = set;
        }
        return set;
    }

    /// <summary>The sweep's images (train split of <c>data.path</c>, or the synthetic patches).</summary>
    public IDataView Images()
    {
        var data = Config.Data;
        if (data.Synthetic is int n)
        {
            return _ml.QGan().Data.Synthetic(n, SweepRunExecutor.SyntheticDataSeed);
        }
        if (data.Path is not null)
        {
            return _ml.QGan().Data.LoadSat4(data.Path, Sat4Schema.TrainSplit);
        }
        throw new InvalidOperationException("the sweep trains on pre-encoded latents; it has no images");
    }

    private string DataDescription() => Config.Data.Synthetic is int n ? $"synthetic({n})" : Config.Data.Path ?? Config.Data.Latents!;

    /// <summary>
    /// The images encoded once into the shared latent file; reused when its identity (data source and the encoder's
    /// SHA-256) matches, otherwise (re)written atomically. The values round-trip exactly (shortest round-trip text).
    /// </summary>
    private LatentDataSet SharedEncoded(string autoencoder)
    {
        var ae = Autoencoder(autoencoder)!;
        var path = Layout.SharedLatentsPath(autoencoder);
        var identityPath = path + ".json";
        var identity = JsonSerializer.Serialize(new
        {
            format = "qgan-sweep-latents/1",
            source = DataDescription(),
            encoderSha256 = Convert.ToHexStringLower(SHA256.HashData(ae.Encoder.Bytes)),
        });
        if (File.Exists(path) && File.Exists(identityPath) && File.ReadAllText(identityPath) == identity)
        {
            var read = LatentSources.ReadCsv(path);
            return new LatentDataSet(read.Values, read.Width, $"{DataDescription()} (encoded)");
        }
        var latents = LatentSources.Encode(ae, Images(), DataDescription());
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, NoiseVectors.LatentsCsv(
            Enumerable.Range(0, latents.Rows).Select(r => latents.Row(r).ToArray().Select(v => (double)v).ToArray()).ToList()));
        AtomicFile.WriteAllText(identityPath, identity);
        return latents;
    }

    /// <summary>Trains a compact autoencoder on the sweep's images into <paramref name="directory"/>, once, under a lock.</summary>
    private void TrainAutoencoder(string directory, SweepAutoencoderTraining train)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(directory)!);
        using var gate = WaitForLock(directory + ".lock");
        if (File.Exists(Path.Combine(directory, AutoencoderModelInfo.FileName)))
        {
            return; // trained by another process while this one waited
        }
        var options = new AutoencoderOptions
        {
            Architecture = AutoencoderArchitecture.Compact,
            Training = new AutoencoderTrainingOptions { Epochs = train.Epochs, Seed = train.Seed, EarlyStoppingPatience = 0 },
            DataDescription = $"{DataDescription()}, trained by the sweep ({train.Epochs} epochs, seed {train.Seed})",
        };
        var trained = _ml.QGan().Trainers.Autoencoder(options).Fit(Images());
        AtomicDirectory.Create(directory, overwrite: true, trained.Save);
    }

    private static FileStream WaitForLock(string path)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 7200)
            {
                Thread.Sleep(500);
            }
        }
    }

    public void Dispose()
    {
        foreach (var maps in _maps.Values)
        {
            maps.Features?.Dispose();
        }
    }
}
