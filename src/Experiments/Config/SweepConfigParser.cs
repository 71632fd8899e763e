using System.Text.Json;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Experiments.Config;

/// <summary>
/// Reads and validates a sweep config (docs/sweep.md). Every error is a <see cref="SweepConfigException"/> naming
/// the JSON path of the offending key; nothing is written by parsing.
/// </summary>
public static class SweepConfigParser
{
    public static SweepConfig Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"sweep config {path} does not exist", path);
        }
        var full = Path.GetFullPath(path);
        return Parse(File.ReadAllText(full), full, Path.GetDirectoryName(full)!);
    }

    /// <param name="json">Config text.</param>
    /// <param name="source">Name used in error messages (the file).</param>
    /// <param name="baseDirectory">Relative paths are resolved against this directory.</param>
    public static SweepConfig Parse(string json, string source, string baseDirectory)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new SweepConfigException(source, "$", $"not valid JSON (line {ex.LineNumber + 1}): {ex.Message}");
        }
        using (document)
        {
            var root = new JsonCursor(document.RootElement, "$", source,
                "data", "heldOut", "generators", "critic", "seeds", "training", "analysis", "evaluation", "hardware");
            var data = ParseData(root, baseDirectory);
            var generators = ParseGenerators(root, SharedLearningRates(root));
            var critic = ParseCritic(root);
            var seeds = root.Has("seeds") ? root.IntList("seeds", 0) : [1];
            if (seeds.Distinct().Count() != seeds.Count)
            {
                throw root.Error("$.seeds", "seeds must be distinct");
            }
            var training = ParseTraining(root);
            var analysis = ParseAnalysis(root);
            var config = new SweepConfig
            {
                Data = data,
                HeldOut = root.OptionalInt("heldOut", 2),
                Generators = generators,
                Critic = critic,
                Seeds = seeds,
                Training = training,
                Analysis = analysis,
                Evaluation = ParseEvaluation(root, baseDirectory),
                Hardware = ParseHardware(root, baseDirectory),
            };
            CheckSizes(config, root);
            return config;
        }
    }

    private static SweepData ParseData(JsonCursor root, string baseDirectory)
    {
        var d = root.Object("data", "autoencoder", "autoencoders", "path", "synthetic", "latents");
        string? Resolve(string key)
        {
            var value = d.OptionalString(key);
            return value is null ? null : Path.GetFullPath(Path.Combine(baseDirectory, value));
        }
        var data = new SweepData(Resolve("autoencoder"), Resolve("path"), d.OptionalInt("synthetic", 5), Resolve("latents"))
        {
            Autoencoders = ParseAutoencoders(d, baseDirectory),
        };
        if (data.Autoencoders is not null)
        {
            if (data.Autoencoder is not null)
            {
                throw d.Error(d.Child("autoencoders"), "give either autoencoder (one) or autoencoders (several), not both");
            }
            if (data.Latents is not null)
            {
                throw d.Error(d.Child("autoencoders"), "several autoencoders need images to encode (data.path or data.synthetic), not pre-encoded latents");
            }
            if (data.Autoencoders.Any(a => a.Train is not null) && data.Path is null && data.Synthetic is null)
            {
                throw d.Error(d.Child("autoencoders"), "training an autoencoder needs images (data.path or data.synthetic)");
            }
        }
        int sources = (data.Path is null ? 0 : 1) + (data.Synthetic is null ? 0 : 1) + (data.Latents is null ? 0 : 1);
        if (sources != 1)
        {
            throw d.Error(d.Path, "give exactly one of path, synthetic and latents");
        }
        if (data.Latents is null && data.Autoencoder is null && data.Autoencoders is null)
        {
            throw d.Error(d.Child("autoencoder"), "missing (required to encode images; or use data.latents)");
        }
        if (data.Autoencoder is not null && !File.Exists(Path.Combine(data.Autoencoder, AutoencoderModelInfo.FileName)))
        {
            throw d.Error(d.Child("autoencoder"), $"{data.Autoencoder} has no {AutoencoderModelInfo.FileName}");
        }
        if (data.Path is not null && !File.Exists(data.Path) && !Directory.Exists(data.Path))
        {
            throw d.Error(d.Child("path"), $"{data.Path} does not exist");
        }
        if (data.Latents is not null && !File.Exists(data.Latents))
        {
            throw d.Error(d.Child("latents"), $"{data.Latents} does not exist");
        }
        return data;
    }

    private static IReadOnlyList<SweepAutoencoder>? ParseAutoencoders(JsonCursor data, string baseDirectory)
    {
        if (data.OptionalObjectList("autoencoders", "name", "path", "train") is not { } list)
        {
            return null;
        }
        var result = new List<SweepAutoencoder>();
        foreach (var a in list)
        {
            var name = a.OptionalString("name") ?? throw a.Error(a.Child("name"), "missing (required)");
            if (name.Any(ch => !(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.')) || name.StartsWith('.'))
            {
                throw a.Error(a.Child("name"), $"'{name}' must be letters, digits, '-', '_' or '.' (it names a folder and a runs.csv value)");
            }
            if (result.Any(r => r.Name == name))
            {
                throw a.Error(a.Child("name"), $"'{name}' is given twice");
            }
            var path = a.OptionalString("path") is { } p ? Path.GetFullPath(Path.Combine(baseDirectory, p)) : null;
            SweepAutoencoderTraining? train = null;
            if (a.OptionalObject("train", "epochs", "seed") is { } t)
            {
                var d = new SweepAutoencoderTraining();
                train = new SweepAutoencoderTraining { Epochs = t.Int("epochs", d.Epochs, 1), Seed = t.Int("seed", d.Seed, 0) };
            }
            if ((path is null) == (train is null))
            {
                throw a.Error(a.Path, "give exactly one of path (a trained autoencoder folder) and train (trained by the sweep)");
            }
            if (path is not null && !File.Exists(Path.Combine(path, AutoencoderModelInfo.FileName)))
            {
                throw a.Error(a.Child("path"), $"{path} has no {AutoencoderModelInfo.FileName}");
            }
            result.Add(new SweepAutoencoder(name, path) { Train = train });
        }
        return result;
    }

    /// <summary><c>training.lrGenerator</c> / <c>lrCritic</c>: rates for every generator kind whose grid gives none.</summary>
    private static (IReadOnlyList<double>? Generator, IReadOnlyList<double>? Critic) SharedLearningRates(JsonCursor root)
    {
        if (root.Get("training") is not { ValueKind: JsonValueKind.Object } t)
        {
            return (null, null);
        }
        var cursor = new JsonCursor(t, "$.training", root.Source, TrainingKeys);
        return (cursor.OptionalNumberList("lrGenerator", v => v > 0, "> 0"), cursor.OptionalNumberList("lrCritic", v => v > 0, "> 0"));
    }

    private static SweepGenerators ParseGenerators(JsonCursor root, (IReadOnlyList<double>? Generator, IReadOnlyList<double>? Critic) shared)
    {
        var g = root.Object("generators", "quantum", "classical");
        (IReadOnlyList<double>, IReadOnlyList<double>) Rates(JsonCursor block, GeneratorKind kind)
        {
            var defaults = SweepLearningRates.Default(kind);
            return (block.OptionalNumberList("lrGenerator", v => v > 0, "> 0") ?? shared.Generator ?? [defaults.Generator],
                block.OptionalNumberList("lrCritic", v => v > 0, "> 0") ?? shared.Critic ?? [defaults.Critic]);
        }
        SweepQuantumGrid? quantum = null;
        if (g.OptionalObject("quantum", "qubits", "layers", "readout", "initRange", "lrGenerator", "lrCritic") is { } q)
        {
            var readout = q.OptionalString("readout") ?? "zx";
            if (readout is not ("zx" or "z" or "xyz"))
            {
                throw q.Error(q.Child("readout"), $"must be zx, z or xyz, got '{readout}'");
            }
            var layers = q.IntList("layers", 1);
            if (layers.Distinct().Count() != layers.Count)
            {
                throw q.Error(q.Child("layers"), "layer counts must be distinct");
            }
            var (lrG, lrC) = Rates(q, GeneratorKind.Quantum);
            quantum = new SweepQuantumGrid(
                q.Int("qubits", 12, 1, 30), layers, readout,
                q.Number("initRange", new GanTrainingOptions { Generator = GeneratorKind.Quantum }.QuantumInitRange, v => v >= 0, ">= 0"))
            {
                LrGenerator = lrG,
                LrCritic = lrC,
            };
        }
        SweepClassicalGrid? classical = null;
        if (g.OptionalObject("classical", "widths", "depth", "lrGenerator", "lrCritic") is { } c)
        {
            var (lrG, lrC) = Rates(c, GeneratorKind.Classical);
            classical = new SweepClassicalGrid(Grid(c, "widths"), c.Int("depth", 2, 1)) { LrGenerator = lrG, LrCritic = lrC };
        }
        if (quantum is null && classical is null)
        {
            throw g.Error(g.Path, "needs a quantum and/or a classical generator grid");
        }
        return new SweepGenerators(quantum, classical);
    }

    private static SweepCritic ParseCritic(JsonCursor root)
    {
        var c = root.Object("critic", "widths", "depth");
        return new SweepCritic(Grid(c, "widths"), c.Int("depth", 2, 1));
    }

    /// <summary>An explicit strictly increasing list of widths, or <c>{"start", "factor", "count"}</c>.</summary>
    internal static IReadOnlyList<int> Grid(JsonCursor parent, string key)
    {
        var element = parent.Get(key) ?? throw parent.Error(parent.Child(key), "missing (required)");
        string path = parent.Child(key);
        IReadOnlyList<int> widths;
        if (element.ValueKind == JsonValueKind.Object)
        {
            var g = new JsonCursor(element, path, parent.Source, "start", "factor", "count");
            int start = g.Int("start", null, 1);
            double factor = g.Number("factor", double.NaN, f => f > 1, "> 1");
            if (!g.Has("factor"))
            {
                throw g.Error(g.Child("factor"), "missing (required)");
            }
            int count = g.Int("count", null, 1, 64);
            var list = new List<int>();
            for (int k = 0; k < count; k++)
            {
                double w = Math.Round(start * Math.Pow(factor, k));
                if (w > 1 << 24)
                {
                    throw g.Error(g.Child("count"), $"width {w:G6} at k = {k} is impossibly large (> {1 << 24})");
                }
                list.Add((int)w);
            }
            widths = list;
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            widths = parent.IntListAt(element, path, 1);
        }
        else
        {
            throw parent.Error(path, "expected a list of widths or {\"start\", \"factor\", \"count\"}");
        }
        for (int i = 1; i < widths.Count; i++)
        {
            if (widths[i] <= widths[i - 1])
            {
                throw parent.Error(path, $"widths must be strictly increasing, got {widths[i - 1]} then {widths[i]}");
            }
        }
        return widths;
    }

    private static readonly string[] TrainingKeys =
    [
        "iterations", "batchSize", "criticSteps", "noiseDim", "lrGenerator", "lrCritic", "beta1", "beta2",
        "gpWeight", "clipNorm", "explosionThreshold", "evalInterval", "checkpointInterval", "earlyStop",
    ];

    private static SweepTraining ParseTraining(JsonCursor root)
    {
        var t = root.Object("training", TrainingKeys);
        var d = new SweepTraining();
        EarlyStopOptions? earlyStop = null;
        if (t.OptionalObject("earlyStop", "patience", "minImprovement") is { } e)
        {
            var ed = new EarlyStopOptions();
            earlyStop = new EarlyStopOptions
            {
                Patience = e.Int("patience", ed.Patience, 1),
                MinImprovement = e.Number("minImprovement", ed.MinImprovement, v => v >= 0 && v < 1, "in [0, 1)"),
            };
        }
        return new SweepTraining
        {
            Iterations = t.Int("iterations", null, 1),
            BatchSize = t.Int("batchSize", d.BatchSize, 1),
            CriticSteps = t.Int("criticSteps", d.CriticSteps, 1),
            NoiseDim = t.Int("noiseDim", d.NoiseDim, 1),
            EarlyStop = earlyStop,
            Beta1 = t.Number("beta1", d.Beta1, v => v >= 0 && v < 1, "in [0, 1)"),
            Beta2 = t.Number("beta2", d.Beta2, v => v >= 0 && v < 1, "in [0, 1)"),
            GpWeight = t.Number("gpWeight", d.GpWeight, v => v >= 0, ">= 0"),
            ClipNorm = t.Number("clipNorm", d.ClipNorm, v => v >= 0, ">= 0 (0: no clipping)"),
            ExplosionThreshold = t.Number("explosionThreshold", d.ExplosionThreshold, v => v > 0, "> 0"),
            EvalInterval = t.Int("evalInterval", d.EvalInterval, 1),
            CheckpointInterval = t.Int("checkpointInterval", d.CheckpointInterval, 1),
        };
    }

    private static SweepAnalysisSettings ParseAnalysis(JsonCursor root)
    {
        var d = new SweepAnalysisSettings();
        if (root.OptionalObject("analysis", "lastK", "maxFidSpread", "maxAbsWasserstein", "minStableFraction", "bootstrap") is not { } a)
        {
            return d;
        }
        var bootstrap = d.Bootstrap;
        if (a.OptionalObject("bootstrap", "samples", "seed", "confidence") is { } b)
        {
            bootstrap = new SweepBootstrapSettings
            {
                Samples = b.Int("samples", bootstrap.Samples, 0, 1_000_000),
                Seed = b.Long("seed", bootstrap.Seed),
                Confidence = b.Number("confidence", bootstrap.Confidence, v => v > 0 && v < 1, "in (0, 1)"),
            };
        }
        return new SweepAnalysisSettings
        {
            LastK = a.Int("lastK", d.LastK, 1),
            MaxFidSpread = a.Number("maxFidSpread", d.MaxFidSpread, v => v > 0, "> 0"),
            MaxAbsWasserstein = a.Number("maxAbsWasserstein", d.MaxAbsWasserstein, v => v > 0, "> 0"),
            MinStableFraction = a.Number("minStableFraction", d.MinStableFraction, v => v > 0 && v <= 1, "in (0, 1]"),
            Bootstrap = bootstrap,
        };
    }

    private static SweepEvaluation ParseEvaluation(JsonCursor root, string baseDirectory)
    {
        var d = new SweepEvaluation();
        if (root.OptionalObject("evaluation", "featureModel", "fidInfinity", "pixelFid") is not { } e)
        {
            return d;
        }
        string? model = e.OptionalString("featureModel") is { } m ? Path.GetFullPath(Path.Combine(baseDirectory, m)) : null;
        if (model is not null && !File.Exists(model))
        {
            throw e.Error(e.Child("featureModel"), $"{model} does not exist");
        }
        var pixel = e.OptionalString("pixelFid") ?? d.PixelFid;
        if (pixel is not ("best" or "all" or "none"))
        {
            throw e.Error(e.Child("pixelFid"), $"must be best, all or none, got '{pixel}'");
        }
        return new SweepEvaluation { FeatureModel = model, FidInfinity = e.Bool("fidInfinity", d.FidInfinity), PixelFid = pixel };
    }

    private static SweepHardware? ParseHardware(JsonCursor root, string baseDirectory)
    {
        if (root.OptionalObject("hardware", "shots", "noiseModel", "trajectories", "seed") is not { } h)
        {
            return null;
        }
        var d = new SweepHardware();
        IReadOnlyList<long> shots = d.Shots;
        if (h.Has("shots"))
        {
            shots = [.. h.IntList("shots", 1).Select(v => (long)v)];
            for (int i = 1; i < shots.Count; i++)
            {
                if (shots[i] <= shots[i - 1])
                {
                    throw h.Error(h.Child("shots"), "shot counts must be strictly increasing");
                }
            }
        }
        string? model = h.OptionalString("noiseModel") is { } m ? Path.GetFullPath(Path.Combine(baseDirectory, m)) : null;
        if (model is not null)
        {
            try
            {
                _ = Quantum.Noise.NoiseModelJson.Load(model);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or ArgumentException or JsonException)
            {
                throw h.Error(h.Child("noiseModel"), ex.Message);
            }
        }
        return new SweepHardware { Shots = shots, NoiseModel = model, Trajectories = h.Int("trajectories", d.Trajectories, 1), Seed = h.Long("seed", d.Seed) };
    }

    /// <summary>Cross-key checks that need the data: readout width vs latent width, held-out rows vs data rows.</summary>
    private static void CheckSizes(SweepConfig config, JsonCursor root)
    {
        var (width, rows) = LatentShape(config.Data, root);
        if (config.Generators.Quantum is { } q)
        {
            var readout = SweepConfig.ParseReadout(q.Readout);
            int outputs = readout switch { Readout.ZX => 2 * q.Qubits, Readout.Z => q.Qubits, _ => 3 * q.Qubits };
            if (outputs != width)
            {
                throw root.Error("$.generators.quantum.qubits",
                    $"{q.Qubits} qubits with the {q.Readout} readout give {outputs} values, but the latent space has {width}");
            }
        }
        if (rows is int n)
        {
            int heldOut = config.HeldOut ?? Math.Min(1000, n / 5);
            if (heldOut < 2 || 2 * heldOut > n - 2)
            {
                throw root.Error(config.HeldOut is null ? "$.data" : "$.heldOut",
                    $"{n} latent rows cannot give {heldOut} held-out and {heldOut} validation rows (need at least 2 of each and 2 training rows)");
            }
        }
    }

    /// <summary>Latent width (from the autoencoder or the first CSV row) and row count where known without encoding.</summary>
    private static (int Width, int? Rows) LatentShape(SweepData data, JsonCursor root)
    {
        int? aeWidth = null;
        if (data.Autoencoder is not null)
        {
            var path = Path.Combine(data.Autoencoder, AutoencoderModelInfo.FileName);
            aeWidth = AutoencoderModelInfo.FromJson(File.ReadAllText(path), path).Architecture.LatentSize;
        }
        for (int i = 0; i < (data.Autoencoders?.Count ?? 0); i++)
        {
            var a = data.Autoencoders![i];
            int size = a.Path is null
                ? AutoencoderArchitecture.Compact.LatentSize
                : AutoencoderModelInfo.FromJson(File.ReadAllText(Path.Combine(a.Path, AutoencoderModelInfo.FileName)), a.Path).Architecture.LatentSize;
            if (aeWidth is int first && first != size)
            {
                throw root.Error($"$.data.autoencoders[{i}]", $"latent size {size} differs from the first autoencoder's {first} (every autoencoder must fit the same generators)");
            }
            aeWidth = size;
        }
        if (data.Latents is null)
        {
            return (aeWidth!.Value, data.Synthetic);
        }
        int width = -1, rows = 0;
        foreach (var line in File.ReadLines(data.Latents))
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }
            if (width < 0)
            {
                width = line.Split(',').Length;
            }
            rows++;
        }
        if (rows == 0)
        {
            throw root.Error("$.data.latents", $"{data.Latents} holds no latent rows");
        }
        if (aeWidth is int w && w != width)
        {
            throw root.Error("$.data.latents", $"{data.Latents} has {width} values per row, the autoencoder's latent space {w}");
        }
        return (width, rows);
    }
}
