using System.Text.Json;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Trainers.Autoencoder;

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
            var root = new JsonCursor(document.RootElement, "$", source, "data", "heldOut", "generators", "critic", "seeds", "training", "analysis");
            var data = ParseData(root, baseDirectory);
            var generators = ParseGenerators(root);
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
            };
            CheckSizes(config, root);
            return config;
        }
    }

    private static SweepData ParseData(JsonCursor root, string baseDirectory)
    {
        var d = root.Object("data", "autoencoder", "path", "synthetic", "latents");
        string? Resolve(string key)
        {
            var value = d.OptionalString(key);
            return value is null ? null : Path.GetFullPath(Path.Combine(baseDirectory, value));
        }
        var data = new SweepData(Resolve("autoencoder"), Resolve("path"), d.OptionalInt("synthetic", 5), Resolve("latents"));
        int sources = (data.Path is null ? 0 : 1) + (data.Synthetic is null ? 0 : 1) + (data.Latents is null ? 0 : 1);
        if (sources != 1)
        {
            throw d.Error(d.Path, "give exactly one of path, synthetic and latents");
        }
        if (data.Latents is null && data.Autoencoder is null)
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

    private static SweepGenerators ParseGenerators(JsonCursor root)
    {
        var g = root.Object("generators", "quantum", "classical");
        SweepQuantumGrid? quantum = null;
        if (g.OptionalObject("quantum", "qubits", "layers", "readout", "initRange") is { } q)
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
            quantum = new SweepQuantumGrid(
                q.Int("qubits", 12, 1, 30), layers, readout,
                q.Number("initRange", 0.1, v => v >= 0, ">= 0"));
        }
        SweepClassicalGrid? classical = null;
        if (g.OptionalObject("classical", "widths", "depth") is { } c)
        {
            classical = new SweepClassicalGrid(Grid(c, "widths"), c.Int("depth", 2, 1));
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

    private static SweepTraining ParseTraining(JsonCursor root)
    {
        var t = root.Object("training",
            "iterations", "batchSize", "criticSteps", "noiseDimension", "generatorLearningRate", "criticLearningRate", "beta1", "beta2",
            "gradientPenaltyWeight", "generatorMaxGradNorm", "criticMaxGradNorm", "explosionThreshold", "metricsInterval", "checkpointInterval");
        int? Int(string key) => t.Has(key) ? t.Int(key, null, 1) : null;
        double? Number(string key, Func<double, bool> ok, string rule) => t.Has(key) ? t.Number(key, double.NaN, ok, rule) : null;
        return new SweepTraining
        {
            Iterations = t.Int("iterations", null, 1),
            BatchSize = Int("batchSize"),
            CriticSteps = Int("criticSteps"),
            NoiseDimension = Int("noiseDimension"),
            GeneratorLearningRate = Number("generatorLearningRate", v => v > 0, "> 0"),
            CriticLearningRate = Number("criticLearningRate", v => v > 0, "> 0"),
            Beta1 = Number("beta1", v => v >= 0 && v < 1, "in [0, 1)"),
            Beta2 = Number("beta2", v => v >= 0 && v < 1, "in [0, 1)"),
            GradientPenaltyWeight = Number("gradientPenaltyWeight", v => v >= 0, ">= 0"),
            GeneratorMaxGradNorm = Number("generatorMaxGradNorm", v => v >= 0, ">= 0 (0: no clipping)"),
            CriticMaxGradNorm = Number("criticMaxGradNorm", v => v >= 0, ">= 0 (0: no clipping)"),
            ExplosionThreshold = Number("explosionThreshold", v => v > 0, "> 0"),
            MetricsInterval = Int("metricsInterval"),
            CheckpointInterval = Int("checkpointInterval"),
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
            if (heldOut < 2 || heldOut > n - 2)
            {
                throw root.Error(config.HeldOut is null ? "$.data" : "$.heldOut",
                    $"{n} latent rows cannot give {heldOut} held-out rows (need at least 2 held-out and 2 training rows)");
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
