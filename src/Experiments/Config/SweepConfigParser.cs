using System.Text.Json;
using QGan.MLNet.Core.Json;
using QGan.MLNet.Core.Limits;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Trainers.Gan.Training;
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
            var generators = Generators(doc.Generators, doc.Training);
            var critic = new SweepCritic(Grid(doc.Critic.Widths, "$.critic.widths"), InRange(doc.Critic.Depth ?? 2, 1, SizeLimits.MaxDepth, "$.critic.depth"));
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
            // The grid is checked as a product of list lengths before any run is expanded.
            long runs = (long)((generators.Quantum?.Layers.Count ?? 0) + (generators.Classical?.Widths.Count ?? 0)) * critic.Widths.Count * seeds.Length;
            if (runs > SizeLimits.MaxSweepRuns)
            {
                throw Error(seeds.Length > 1 ? "$.seeds" : "$.critic.widths",
                    $"the grid has {runs:N0} runs (generators x critics x seeds), at most {SizeLimits.MaxSweepRuns:N0}");
            }
            var config = new SweepConfig
            {
                Data = data,
                HeldOut = doc.HeldOut,
                Generators = generators,
                Critic = critic,
                Seeds = seeds,
                // The shared learning rates now live in the generator grids (see Generators).
                Training = Training(doc.Training) with { GeneratorLearningRate = null, CriticLearningRate = null },
                Analysis = Analysis(doc.Analysis),
                Evaluation = Evaluation(doc.Evaluation),
                Hardware = Hardware(doc.Hardware),
            };
            CheckSizes(config);
            return config;
        }

        private SweepData Data(SweepDataDocument d)
        {
            string? Resolve(string? value) => value is null ? null : Path.GetFullPath(Path.Combine(baseDirectory, value));
            if (d.Synthetic is { } synthetic)
            {
                InRange(synthetic, 5, SizeLimits.MaxSyntheticPatches, "$.data.synthetic");
            }
            var data = new SweepData(Resolve(d.Autoencoder), Resolve(d.Path), d.Synthetic, Resolve(d.Latents))
            {
                Autoencoders = Autoencoders(d.Autoencoders),
            };
            int sources = (data.Path is null ? 0 : 1) + (data.Synthetic is null ? 0 : 1) + (data.Latents is null ? 0 : 1);
            if (sources != 1)
            {
                throw Error("$.data", "give exactly one of path, synthetic and latents");
            }
            if (data.Autoencoders is not null)
            {
                if (data.Autoencoder is not null)
                {
                    throw Error("$.data.autoencoders", "give either autoencoder (one) or autoencoders (several), not both");
                }
                if (data.Latents is not null)
                {
                    throw Error("$.data.autoencoders", "several autoencoders need images to encode (data.path or data.synthetic), not pre-encoded latents");
                }
            }
            if (data.Latents is null && data.Autoencoder is null && data.Autoencoders is null)
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

        private IReadOnlyList<SweepAutoencoder>? Autoencoders(SweepAutoencoderDocument[]? list)
        {
            if (list is null)
            {
                return null;
            }
            if (list.Length == 0)
            {
                throw Error("$.data.autoencoders", "empty list (give at least one autoencoder, or use data.autoencoder)");
            }
            var result = new List<SweepAutoencoder>();
            for (int i = 0; i < list.Length; i++)
            {
                var a = list[i];
                string at = $"$.data.autoencoders[{i}]";
                if (a.Name.Length == 0 || a.Name.StartsWith('.') || a.Name.Any(ch => !(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.')))
                {
                    throw Error(at + ".name", $"'{a.Name}' must be letters, digits, '-', '_' or '.' (it names a folder and a runs.csv value)");
                }
                if (result.Any(r => r.Name == a.Name))
                {
                    throw Error(at + ".name", $"'{a.Name}' is given twice");
                }
                if ((a.Path is null) == (a.Train is null))
                {
                    throw Error(at, "give exactly one of path (a trained autoencoder folder) and train (trained by the sweep)");
                }
                var path = a.Path is null ? null : Path.GetFullPath(Path.Combine(baseDirectory, a.Path));
                if (path is not null && !File.Exists(Path.Combine(path, AutoencoderModelInfo.FileName)))
                {
                    throw Error(at + ".path", $"{path} has no {AutoencoderModelInfo.FileName}");
                }
                SweepAutoencoderTraining? train = null;
                if (a.Train is { } t)
                {
                    var d = new SweepAutoencoderTraining();
                    train = new SweepAutoencoderTraining { Epochs = AtLeast(t.Epochs ?? d.Epochs, 1, at + ".train.epochs"), Seed = AtLeast(t.Seed ?? d.Seed, 0, at + ".train.seed") };
                }
                result.Add(new SweepAutoencoder(a.Name, path) { Train = train });
            }
            return result;
        }

        /// <summary>
        /// A learning rate or list of them for one kind: the grid's own, else <c>training</c>'s (shared by both kinds), else
        /// the kind's default; the normalised config holds the list in the grid.
        /// </summary>
        private IReadOnlyList<double> Rates(JsonElement? own, double? shared, double fallback, string path)
        {
            if (own is not { } element || element.ValueKind == JsonValueKind.Null)
            {
                return [shared ?? fallback];
            }
            double[] values = element.ValueKind == JsonValueKind.Array
                ? StrictJson.Deserialize<double[]>(element, source, path)
                : [StrictJson.Deserialize<double>(element, source, path)];
            if (values.Length == 0)
            {
                throw Error(path, "empty list");
            }
            for (int i = 0; i < values.Length; i++)
            {
                if (!(values[i] > 0) || !double.IsFinite(values[i]))
                {
                    throw Error(element.ValueKind == JsonValueKind.Array ? $"{path}[{i}]" : path, $"must be > 0, got {values[i]}");
                }
            }
            if (values.Distinct().Count() != values.Length)
            {
                throw Error(path, "values must be distinct");
            }
            return values;
        }

        private SweepGenerators Generators(SweepGeneratorsDocument g, SweepTrainingDocument training)
        {
            SweepQuantumGrid? quantum = null;
            if (g.Quantum is { } q)
            {
                var readout = q.Readout ?? "zx";
                if (readout is not ("zx" or "z" or "xyz"))
                {
                    throw Error("$.generators.quantum.readout", $"must be zx, z or xyz, got '{readout}'");
                }
                var layers = IntList(q.Layers, "$.generators.quantum.layers", 1, SizeLimits.MaxLayers);
                if (layers.Distinct().Count() != layers.Count)
                {
                    throw Error("$.generators.quantum.layers", "layer counts must be distinct");
                }
                var initRange = q.InitRange ?? 0.1;
                if (!(initRange >= 0) || !double.IsFinite(initRange))
                {
                    throw Error("$.generators.quantum.initRange", $"must be >= 0, got {initRange}");
                }
                var qubits = InRange(q.Qubits ?? 12, 1, SizeLimits.MaxQubits, "$.generators.quantum.qubits");
                if (SizeLimits.StateBytes(qubits) > SizeLimits.AvailableMemoryBytes)
                {
                    throw Error("$.generators.quantum.qubits",
                        $"{qubits} qubits need at least {SizeLimits.StateBytes(qubits) / (1L << 30)} GiB for the simulation's state vectors, more than this machine's {SizeLimits.AvailableMemoryBytes / (1L << 30)} GiB");
                }
                var dq = GanDefaults.For(GeneratorKind.Quantum);
                quantum = new SweepQuantumGrid(qubits, layers, readout, initRange)
                {
                    GeneratorLearningRate = Rates(q.GeneratorLearningRate, training.GeneratorLearningRate, dq.GeneratorLearningRate, "$.generators.quantum.generatorLearningRate"),
                    CriticLearningRate = Rates(q.CriticLearningRate, training.CriticLearningRate, dq.CriticLearningRate, "$.generators.quantum.criticLearningRate"),
                };
            }
            SweepClassicalGrid? classical = null;
            if (g.Classical is { } c)
            {
                var dc = GanDefaults.For(GeneratorKind.Classical);
                classical = new SweepClassicalGrid(Grid(c.Widths, "$.generators.classical.widths"), InRange(c.Depth ?? 2, 1, SizeLimits.MaxDepth, "$.generators.classical.depth"))
                {
                    GeneratorLearningRate = Rates(c.GeneratorLearningRate, training.GeneratorLearningRate, dc.GeneratorLearningRate, "$.generators.classical.generatorLearningRate"),
                    CriticLearningRate = Rates(c.CriticLearningRate, training.CriticLearningRate, dc.CriticLearningRate, "$.generators.classical.criticLearningRate"),
                };
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
                    if (w > SizeLimits.MaxWidth)
                    {
                        throw Error(path + ".count", $"width {w:G6} at k = {k} exceeds the largest width, {SizeLimits.MaxWidth:N0}");
                    }
                    list.Add((int)w);
                }
                widths = list;
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                widths = IntList(StrictJson.Deserialize<int[]>(element, source, path), path, 1, SizeLimits.MaxWidth);
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
            int? Int(int? value, string key, int max = int.MaxValue) => value is { } v ? InRange(v, 1, max, $"$.training.{key}") : null;
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
                Iterations = InRange(t.Iterations, 1, SizeLimits.MaxIterations, "$.training.iterations"),
                BatchSize = Int(t.BatchSize, "batchSize", SizeLimits.MaxBatchSize),
                CriticSteps = Int(t.CriticSteps, "criticSteps"),
                NoiseDimension = Int(t.NoiseDimension, "noiseDimension", SizeLimits.MaxNoiseDimension),
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
                EarlyStop = EarlyStop(t.EarlyStop),
            };
        }

        private EarlyStopOptions? EarlyStop(SweepEarlyStopDocument? e)
        {
            if (e is null)
            {
                return null;
            }
            var d = new EarlyStopOptions();
            var minImprovement = e.MinImprovement ?? d.MinImprovement;
            if (!(minImprovement >= 0 && minImprovement < 1))
            {
                throw Error("$.training.earlyStop.minImprovement", $"must be in [0, 1), got {minImprovement}");
            }
            return new EarlyStopOptions { Patience = AtLeast(e.Patience ?? d.Patience, 1, "$.training.earlyStop.patience"), MinImprovement = minImprovement };
        }

        private SweepEvaluation Evaluation(SweepEvaluationDocument? e)
        {
            var d = new SweepEvaluation();
            if (e is null)
            {
                return d;
            }
            string? model = e.FeatureModel is { } m ? Path.GetFullPath(Path.Combine(baseDirectory, m)) : null;
            if (model is not null && !File.Exists(model))
            {
                throw Error("$.evaluation.featureModel", $"{model} does not exist");
            }
            var pixel = e.PixelFid ?? d.PixelFid;
            if (pixel is not ("best" or "all" or "none"))
            {
                throw Error("$.evaluation.pixelFid", $"must be best, all or none, got '{pixel}'");
            }
            return new SweepEvaluation { FeatureModel = model, FidInfinity = e.FidInfinity ?? d.FidInfinity, PixelFid = pixel };
        }

        private SweepHardware? Hardware(SweepHardwareDocument? h)
        {
            if (h is null)
            {
                return null;
            }
            var d = new SweepHardware();
            IReadOnlyList<long> shots = h.Shots ?? [.. d.Shots];
            if (shots.Count == 0)
            {
                throw Error("$.hardware.shots", "empty list");
            }
            for (int i = 0; i < shots.Count; i++)
            {
                if (shots[i] < 1)
                {
                    throw Error($"$.hardware.shots[{i}]", $"must be >= 1, got {shots[i]}");
                }
                if (i > 0 && shots[i] <= shots[i - 1])
                {
                    throw Error("$.hardware.shots", "shot counts must be strictly increasing");
                }
            }
            string? model = h.NoiseModel is { } m ? Path.GetFullPath(Path.Combine(baseDirectory, m)) : null;
            if (model is not null)
            {
                try
                {
                    _ = Quantum.Noise.NoiseModelJson.Load(model);
                }
                catch (Exception ex) when (ex is IOException or InvalidDataException or ArgumentException or JsonException)
                {
                    throw Error("$.hardware.noiseModel", ex.Message);
                }
            }
            return new SweepHardware
            {
                Shots = shots,
                NoiseModel = model,
                Trajectories = AtLeast(h.Trajectories ?? d.Trajectories, 1, "$.hardware.trajectories"),
                Seed = h.Seed ?? d.Seed,
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
                Space = a.Space is null or "latent" or "feature" or "pixel" ? a.Space ?? d.Space : throw Error("$.analysis.space", $"must be latent, feature or pixel, got '{a.Space}'"),
                FidInfinity = a.FidInfinity ?? d.FidInfinity,
                MaxTrend = Number(a.MaxTrend, d.MaxTrend, "maxTrend", v => v > 0, "> 0"),
                MaxNoise = Number(a.MaxNoise, d.MaxNoise, "maxNoise", v => v > 0, "> 0"),
            };
        }

        /// <summary>Cross-key checks that need the data: readout width vs latent width, network sizes, held-out rows vs data rows.</summary>
        private void CheckSizes(SweepConfig config)
        {
            var (width, rows) = LatentShape(config.Data);
            int noise = config.Training.NoiseDimension ?? Trainers.Gan.Training.GanDefaults.For(Trainers.Gan.Training.GeneratorKind.Classical).NoiseDimension;
            if (config.Generators.Classical is { } c && SizeLimits.MlpParameters(noise, Enumerable.Repeat(c.Widths[^1], c.Depth).ToArray(), width) > SizeLimits.MaxParameters)
            {
                throw Error("$.generators.classical.widths", $"width {c.Widths[^1]} at depth {c.Depth} gives more than {SizeLimits.MaxParameters:N0} parameters");
            }
            if (SizeLimits.MlpParameters(width, Enumerable.Repeat(config.Critic.Widths[^1], config.Critic.Depth).ToArray(), 1) > SizeLimits.MaxParameters)
            {
                throw Error("$.critic.widths", $"width {config.Critic.Widths[^1]} at depth {config.Critic.Depth} gives more than {SizeLimits.MaxParameters:N0} parameters");
            }
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
                if (heldOut < 2 || 2 * heldOut > n - 2)
                {
                    throw Error(config.HeldOut is null ? "$.data" : "$.heldOut",
                        $"{n} latent rows cannot give {heldOut} held-out and {heldOut} validation rows (need at least 2 of each and 2 training rows)");
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
            for (int i = 0; i < (data.Autoencoders?.Count ?? 0); i++)
            {
                var a = data.Autoencoders![i];
                int size = a.Path is null
                    ? AutoencoderArchitecture.Compact.LatentSize
                    : AutoencoderModelInfo.FromJson(File.ReadAllText(Path.Combine(a.Path, AutoencoderModelInfo.FileName)), a.Path).Architecture.LatentSize;
                if (aeWidth is int first && first != size)
                {
                    throw Error($"$.data.autoencoders[{i}]", $"latent size {size} differs from the first autoencoder's {first} (every autoencoder must fit the same generators)");
                }
                aeWidth = size;
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

        private IReadOnlyList<int> IntList(int[] values, string path, int min, int max)
        {
            if (values.Length == 0)
            {
                throw Error(path, "empty list (the grid needs at least one value)");
            }
            if (values.Length > SizeLimits.MaxSweepRuns)
            {
                throw Error(path, $"{values.Length:N0} values, at most {SizeLimits.MaxSweepRuns:N0}");
            }
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] < min)
                {
                    throw Error($"{path}[{i}]", $"must be >= {min}, got {values[i]}");
                }
                InRange(values[i], min, max, $"{path}[{i}]");
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
