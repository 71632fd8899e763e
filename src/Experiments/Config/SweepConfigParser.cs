using System.Text.Json;
using QGan.MLNet.Core.Json;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Transforms.Csv;

namespace QGan.MLNet.Experiments.Config;

/// <summary>
/// Reads and validates a sweep config (docs/sweep.md): System.Text.Json deserializes it strictly into
/// <see cref="SweepConfigDocument"/> (<see cref="StrictJson"/>: unknown, duplicated, missing or mistyped keys are
/// refused), then one validation pass checks ranges, grids and the data, and fills in the defaults. Every error is a
/// <see cref="SweepConfigException"/> naming the file and the JSON path of the offending key; nothing is written by
/// parsing.
/// </summary>
public static class SweepConfigParser
{
    /// <summary>Keys renamed when every option got one name across the API, the CLI and the config (issue 16).</summary>
    private static readonly Dictionary<string, string> RenamedKeys = new(StringComparer.Ordinal)
    {
        ["noiseDim"] = "noiseDimension",
        ["lrGenerator"] = "generatorLearningRate",
        ["lrCritic"] = "criticLearningRate",
        ["gpWeight"] = "gradientPenaltyWeight",
        ["clipNorm"] = "generatorMaxGradNorm and criticMaxGradNorm",
        ["evalInterval"] = "metricsInterval",
    };

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
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var document = StrictJson.Deserialize<SweepConfigDocument>(json, source, RenamedKeys);
            return new Validator(source, baseDirectory).Config(document);
        }
        catch (InvalidDataException ex) when (StrictJson.TryGetLocation(ex, out var path, out var problem))
        {
            throw new SweepConfigException(source, string.IsNullOrEmpty(path) ? "$" : path, problem);
        }
    }

    /// <summary>The validation pass: every check names the JSON path of what it checks.</summary>
    private sealed class Validator(string source, string baseDirectory)
    {
        public SweepConfig Config(SweepConfigDocument doc)
        {
            var data = Data(doc.Data);
            var generators = Generators(doc.Generators);
            var critic = new SweepCritic(Grid(doc.Critic.Widths, "$.critic.widths"), AtLeast(doc.Critic.Depth ?? 2, 1, "$.critic.depth"));
            var seeds = doc.Seeds ?? [1];
            if (seeds.Length == 0)
            {
                throw Error("$.seeds", "empty list (give at least one seed)");
            }
            if (seeds.Distinct().Count() != seeds.Length)
            {
                throw Error("$.seeds", "seeds must be distinct");
            }
            if (doc.HeldOut is { } heldOut)
            {
                AtLeast(heldOut, 2, "$.heldOut");
            }
            var config = new SweepConfig
            {
                Data = data,
                HeldOut = doc.HeldOut,
                Generators = generators,
                Critic = critic,
                Seeds = seeds,
                Training = Training(doc.Training),
                Analysis = Analysis(doc.Analysis),
            };
            CheckSizes(config);
            return config;
        }

        private SweepData Data(SweepDataDocument d)
        {
            string? Resolve(string? value) => value is null ? null : Path.GetFullPath(Path.Combine(baseDirectory, value));
            if (d.Synthetic is { } synthetic)
            {
                AtLeast(synthetic, 5, "$.data.synthetic");
            }
            var data = new SweepData(Resolve(d.Autoencoder), Resolve(d.Path), d.Synthetic, Resolve(d.Latents));
            int sources = (data.Path is null ? 0 : 1) + (data.Synthetic is null ? 0 : 1) + (data.Latents is null ? 0 : 1);
            if (sources != 1)
            {
                throw Error("$.data", "give exactly one of path, synthetic and latents");
            }
            if (data.Latents is null && data.Autoencoder is null)
            {
                throw Error("$.data.autoencoder", "missing (required to encode images; or use data.latents)");
            }
            if (data.Autoencoder is not null && !File.Exists(Path.Combine(data.Autoencoder, AutoencoderModelInfo.FileName)))
            {
                throw Error("$.data.autoencoder", $"{data.Autoencoder} has no {AutoencoderModelInfo.FileName}");
            }
            if (data.Path is not null && !File.Exists(data.Path) && !Directory.Exists(data.Path))
            {
                throw Error("$.data.path", $"{data.Path} does not exist");
            }
            if (data.Latents is not null && !File.Exists(data.Latents))
            {
                throw Error("$.data.latents", $"{data.Latents} does not exist");
            }
            return data;
        }

        private SweepGenerators Generators(SweepGeneratorsDocument g)
        {
            SweepQuantumGrid? quantum = null;
            if (g.Quantum is { } q)
            {
                var readout = q.Readout ?? "zx";
                if (readout is not ("zx" or "z" or "xyz"))
                {
                    throw Error("$.generators.quantum.readout", $"must be zx, z or xyz, got '{readout}'");
                }
                var layers = IntList(q.Layers, "$.generators.quantum.layers", 1);
                if (layers.Distinct().Count() != layers.Count)
                {
                    throw Error("$.generators.quantum.layers", "layer counts must be distinct");
                }
                var initRange = q.InitRange ?? 0.1;
                if (!(initRange >= 0) || !double.IsFinite(initRange))
                {
                    throw Error("$.generators.quantum.initRange", $"must be >= 0, got {initRange}");
                }
                quantum = new SweepQuantumGrid(InRange(q.Qubits ?? 12, 1, 30, "$.generators.quantum.qubits"), layers, readout, initRange);
            }
            SweepClassicalGrid? classical = null;
            if (g.Classical is { } c)
            {
                classical = new SweepClassicalGrid(Grid(c.Widths, "$.generators.classical.widths"), AtLeast(c.Depth ?? 2, 1, "$.generators.classical.depth"));
            }
            if (quantum is null && classical is null)
            {
                throw Error("$.generators", "needs a quantum and/or a classical generator grid");
            }
            return new SweepGenerators(quantum, classical);
        }

        /// <summary>An explicit strictly increasing list of widths, or <c>{"start", "factor", "count"}</c>.</summary>
        private IReadOnlyList<int> Grid(JsonElement element, string path)
        {
            IReadOnlyList<int> widths;
            if (element.ValueKind == JsonValueKind.Object)
            {
                var g = StrictJson.Deserialize<SweepGridDocument>(element, source, path);
                AtLeast(g.Start, 1, path + ".start");
                if (!(g.Factor > 1) || !double.IsFinite(g.Factor))
                {
                    throw Error(path + ".factor", $"must be > 1, got {g.Factor}");
                }
                InRange(g.Count, 1, 64, path + ".count");
                var list = new List<int>();
                for (int k = 0; k < g.Count; k++)
                {
                    double w = Math.Round(g.Start * Math.Pow(g.Factor, k));
                    if (w > 1 << 24)
                    {
                        throw Error(path + ".count", $"width {w:G6} at k = {k} is impossibly large (> {1 << 24})");
                    }
                    list.Add((int)w);
                }
                widths = list;
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                widths = IntList(StrictJson.Deserialize<int[]>(element, source, path), path, 1);
            }
            else
            {
                throw Error(path, "expected a list of widths or {\"start\", \"factor\", \"count\"}");
            }
            for (int i = 1; i < widths.Count; i++)
            {
                if (widths[i] <= widths[i - 1])
                {
                    throw Error(path, $"widths must be strictly increasing, got {widths[i - 1]} then {widths[i]}");
                }
            }
            return widths;
        }

        private SweepTraining Training(SweepTrainingDocument t)
        {
            int? Int(int? value, string key) => value is { } v ? AtLeast(v, 1, $"$.training.{key}") : null;
            double? Number(double? value, string key, Func<double, bool> ok, string rule)
            {
                if (value is { } v && (!double.IsFinite(v) || !ok(v)))
                {
                    throw Error($"$.training.{key}", $"must be {rule}, got {v}");
                }
                return value;
            }
            return new SweepTraining
            {
                Iterations = AtLeast(t.Iterations, 1, "$.training.iterations"),
                BatchSize = Int(t.BatchSize, "batchSize"),
                CriticSteps = Int(t.CriticSteps, "criticSteps"),
                NoiseDimension = Int(t.NoiseDimension, "noiseDimension"),
                GeneratorLearningRate = Number(t.GeneratorLearningRate, "generatorLearningRate", v => v > 0, "> 0"),
                CriticLearningRate = Number(t.CriticLearningRate, "criticLearningRate", v => v > 0, "> 0"),
                Beta1 = Number(t.Beta1, "beta1", v => v >= 0 && v < 1, "in [0, 1)"),
                Beta2 = Number(t.Beta2, "beta2", v => v >= 0 && v < 1, "in [0, 1)"),
                GradientPenaltyWeight = Number(t.GradientPenaltyWeight, "gradientPenaltyWeight", v => v >= 0, ">= 0"),
                GeneratorMaxGradNorm = Number(t.GeneratorMaxGradNorm, "generatorMaxGradNorm", v => v >= 0, ">= 0 (0: no clipping)"),
                CriticMaxGradNorm = Number(t.CriticMaxGradNorm, "criticMaxGradNorm", v => v >= 0, ">= 0 (0: no clipping)"),
                ExplosionThreshold = Number(t.ExplosionThreshold, "explosionThreshold", v => v > 0, "> 0"),
                MetricsInterval = Int(t.MetricsInterval, "metricsInterval"),
                CheckpointInterval = Int(t.CheckpointInterval, "checkpointInterval"),
            };
        }

        private SweepAnalysisSettings Analysis(SweepAnalysisDocument? a)
        {
            var d = new SweepAnalysisSettings();
            if (a is null)
            {
                return d;
            }
            double Number(double? value, double fallback, string key, Func<double, bool> ok, string rule)
            {
                var v = value ?? fallback;
                if (!double.IsFinite(v) || !ok(v))
                {
                    throw Error($"$.analysis.{key}", $"must be {rule}, got {v}");
                }
                return v;
            }
            var b = a.Bootstrap;
            return new SweepAnalysisSettings
            {
                LastK = AtLeast(a.LastK ?? d.LastK, 1, "$.analysis.lastK"),
                MaxFidSpread = Number(a.MaxFidSpread, d.MaxFidSpread, "maxFidSpread", v => v > 0, "> 0"),
                MaxAbsWasserstein = Number(a.MaxAbsWasserstein, d.MaxAbsWasserstein, "maxAbsWasserstein", v => v > 0, "> 0"),
                MinStableFraction = Number(a.MinStableFraction, d.MinStableFraction, "minStableFraction", v => v > 0 && v <= 1, "in (0, 1]"),
                Bootstrap = new SweepBootstrapSettings
                {
                    Samples = InRange(b?.Samples ?? d.Bootstrap.Samples, 0, 1_000_000, "$.analysis.bootstrap.samples"),
                    Seed = b?.Seed ?? d.Bootstrap.Seed,
                    Confidence = Number(b?.Confidence, d.Bootstrap.Confidence, "bootstrap.confidence", v => v > 0 && v < 1, "in (0, 1)"),
                },
            };
        }

        /// <summary>Cross-key checks that need the data: readout width vs latent width, held-out rows vs data rows.</summary>
        private void CheckSizes(SweepConfig config)
        {
            var (width, rows) = LatentShape(config.Data);
            if (config.Generators.Quantum is { } q)
            {
                var readout = SweepConfig.ParseReadout(q.Readout);
                int outputs = readout switch { Readout.ZX => 2 * q.Qubits, Readout.Z => q.Qubits, _ => 3 * q.Qubits };
                if (outputs != width)
                {
                    throw Error("$.generators.quantum.qubits",
                        $"{q.Qubits} qubits with the {q.Readout} readout give {outputs} values, but the latent space has {width}");
                }
            }
            if (rows is int n)
            {
                int heldOut = config.HeldOut ?? Math.Min(1000, n / 5);
                if (heldOut < 2 || heldOut > n - 2)
                {
                    throw Error(config.HeldOut is null ? "$.data" : "$.heldOut",
                        $"{n} latent rows cannot give {heldOut} held-out rows (need at least 2 held-out and 2 training rows)");
                }
            }
        }

        /// <summary>Latent width (from the autoencoder or the latents file) and row count where known without encoding.</summary>
        private (int Width, int? Rows) LatentShape(SweepData data)
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
            try
            {
                foreach (var row in NumericCsv.ReadFloatRows(data.Latents))
                {
                    width = row.Length;
                    rows++;
                }
            }
            catch (InvalidDataException ex)
            {
                throw Error("$.data.latents", ex.Message);
            }
            if (aeWidth is int w && w != width)
            {
                throw Error("$.data.latents", $"{data.Latents} has {width} values per row, the autoencoder's latent space {w}");
            }
            return (width, rows);
        }

        private IReadOnlyList<int> IntList(int[] values, string path, int min)
        {
            if (values.Length == 0)
            {
                throw Error(path, "empty list (the grid needs at least one value)");
            }
            for (int i = 0; i < values.Length; i++)
            {
                AtLeast(values[i], min, $"{path}[{i}]");
            }
            return values;
        }

        private int AtLeast(int value, int min, string path) =>
            value >= min ? value : throw Error(path, $"must be >= {min}, got {value}");

        private int InRange(int value, int min, int max, string path) =>
            value >= min && value <= max ? value : throw Error(path, $"must be in [{min}, {max}], got {value}");

        private SweepConfigException Error(string path, string problem) => new(source, path, problem);
    }
}
