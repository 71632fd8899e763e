using System.Globalization;
using System.Text.Json.Nodes;
using QGan.MLNet.Core.Limits;

namespace QGan.MLNet.Cli.Demo;

/// <summary>
/// Everything the demo does, from flags. The defaults are a study sized to answer every research question in at most
/// 10 minutes on 2 cores (docs/demo.md): 4 quantum depths, 5 classical widths bracketing them, 3 critic widths, 3
/// seeds, early stopping, the measurement in every space and the shot study; the flags scale it up (or
/// <c>studies/paper.json</c> with <c>qgan sweep</c>).
/// </summary>
internal sealed record DemoSettings
{
    public string Out { get; init; } = "out/demo";

    /// <summary>Real SAT-4 data (MAT, CSV, PNG folder); null = synthetic.</summary>
    public string? Data { get; init; }

    public int Synthetic { get; init; } = 2000;

    /// <summary>Autoencoder folder; null = the shipped <c>models/sat4-synthetic</c>.</summary>
    public string? Autoencoder { get; init; }

    public bool TrainAutoencoder { get; init; }

    public int AutoencoderEpochs { get; init; } = 3;

    public int Qubits { get; init; } = 12;

    public IReadOnlyList<int> Layers { get; init; } = [1, 2, 3, 4];

    public IReadOnlyList<int> Widths { get; init; } = [1, 2, 4, 8, 16];

    public IReadOnlyList<int> CriticWidths { get; init; } = [16, 32, 64];

    public IReadOnlyList<int> Seeds { get; init; } = [1, 2, 3];

    /// <summary>Maximum generator iterations per run (early stopping ends most runs sooner).</summary>
    public int Iterations { get; init; } = 400;

    /// <summary>Early stopping: evaluations without a 1 % relative improvement of the validation FID (0: off).</summary>
    public int EarlyStopPatience { get; init; } = 5;

    public int BatchSize { get; init; } = 32;

    public int MetricsInterval { get; init; } = 20;

    /// <summary>The evaluation sample size: test and validation splits of this many rows each.</summary>
    public int HeldOut { get; init; } = 300;

    /// <summary>Generator learning rate of both kinds; null: each kind's tuned default (docs/gan-training.md).</summary>
    public double? GeneratorLearningRate { get; init; }

    /// <summary>Critic learning rate of both kinds; null: each kind's tuned default.</summary>
    public double? CriticLearningRate { get; init; }

    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Shot counts of the shot study (every quantum depth's best run, ideal and noisy).</summary>
    public IReadOnlyList<int> Shots { get; init; } = [300, 1000, 3000, 10000];

    /// <summary>Device noise model for the noisy hardware run; null = only the ideal (shot-noise) run.</summary>
    public string? NoiseModel { get; init; }

    /// <summary>Feature network for the feature space; null: none (the demo finds the shipped one).</summary>
    public string? FeatureModel { get; init; }

    public int Trajectories { get; init; } = 8;

    public int BootstrapSamples { get; init; } = 200;

    /// <summary>The smallest useful configuration (tests, a first look): one quantum and one classical run, few iterations.</summary>
    public static DemoSettings Quick(DemoSettings s) => s with
    {
        Synthetic = 200,
        Layers = [1],
        Widths = [8],
        CriticWidths = [16],
        Seeds = [1],
        Iterations = 6,
        EarlyStopPatience = 2,
        BatchSize = 16,
        MetricsInterval = 2,
        HeldOut = 40,
        Shots = [100, 1000],
        Trajectories = 2,
        BootstrapSamples = 0,
        AutoencoderEpochs = 1,
    };

    public void Validate()
    {
        static void Positive(string flag, long value, long min = 1)
        {
            if (value < min)
            {
                throw new ArgumentException($"{flag} must be >= {min}, got {value}");
            }
        }
        SizeLimits.Check(Synthetic, 20, SizeLimits.MaxSyntheticPatches, "--synthetic");
        Positive("--ae-epochs", AutoencoderEpochs);
        SizeLimits.Check(Qubits, 1, SizeLimits.MaxQubits, "--qubits");
        SizeLimits.Check(Iterations, 1, SizeLimits.MaxIterations, "--iterations");
        SizeLimits.Check(BatchSize, 1, SizeLimits.MaxBatchSize, "--batch-size");
        Positive("--metrics-interval", MetricsInterval);
        Positive("--held-out", HeldOut, 2);
        Positive("--workers", Workers);
        Positive("--early-stop-patience", EarlyStopPatience, 0);
        SizeLimits.Check(Trajectories, 1, SizeLimits.MaxTrajectories, "--trajectories");
        if (Shots.Count == 0)
        {
            throw new ArgumentException("--shots needs at least one shot count");
        }
        foreach (var shots in Shots)
        {
            SizeLimits.Check(shots, 1, SizeLimits.MaxShots, "--shots");
        }
        foreach (var (flag, list, max) in new[] { ("--layers", Layers, SizeLimits.MaxLayers), ("--widths", Widths, SizeLimits.MaxWidth), ("--critic-widths", CriticWidths, SizeLimits.MaxWidth) })
        {
            foreach (var value in list)
            {
                SizeLimits.Check(value, 1, max, flag);
            }
        }
        if (Layers.Count == 0 && Widths.Count == 0)
        {
            throw new ArgumentException("give at least one of --layers and --widths");
        }
        if (Data is null && 2 * HeldOut > Synthetic - 2)
        {
            throw new ArgumentException($"--held-out {HeldOut} (test and validation splits of {HeldOut} rows each) leaves too few of the {Synthetic} synthetic patches for training");
        }
        if (GeneratorLearningRate is <= 0 || CriticLearningRate is <= 0)
        {
            throw new ArgumentException("learning rates must be > 0");
        }
    }

    /// <summary>The sweep config (docs/sweep.md) for the GAN stages: quantum layers x classical widths x critic widths x seeds.</summary>
    public string SweepConfigJson(string autoencoder)
    {
        static JsonArray Ints(IEnumerable<int> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
        var generators = new JsonObject();
        if (Layers.Count > 0)
        {
            generators["quantum"] = new JsonObject { ["qubits"] = Qubits, ["layers"] = Ints(Layers) };
        }
        if (Widths.Count > 0)
        {
            generators["classical"] = new JsonObject { ["widths"] = Ints(Widths), ["depth"] = 2 };
        }
        var config = new JsonObject
        {
            // The sweep encodes the images itself (synthetic patches use the same generator seed 1 as the demo), so the
            // report can show real patches and their reconstructions beside the generated ones.
            ["data"] = Data is null
                ? new JsonObject { ["autoencoder"] = Path.GetFullPath(autoencoder), ["synthetic"] = Synthetic }
                : new JsonObject { ["autoencoder"] = Path.GetFullPath(autoencoder), ["path"] = Path.GetFullPath(Data) },
            ["heldOut"] = HeldOut,
            ["generators"] = generators,
            ["critic"] = new JsonObject { ["widths"] = Ints(CriticWidths), ["depth"] = 2 },
            ["seeds"] = Ints(Seeds),
            ["training"] = Training(),
            ["evaluation"] = new JsonObject
            {
                ["featureModel"] = FeatureModel is null ? null : Path.GetFullPath(FeatureModel),
                ["fidInfinity"] = true,
                ["pixelFid"] = "best",
            },
            ["hardware"] = new JsonObject
            {
                ["shots"] = Ints(Shots),
                ["noiseModel"] = NoiseModel is null ? null : Path.GetFullPath(NoiseModel),
                ["trajectories"] = Trajectories,
            },
            // Demo runs are short and still converging: judge stability on the last 3 evaluations with a looser spread.
            ["analysis"] = new JsonObject
            {
                ["lastK"] = 3,
                ["maxFidSpread"] = 0.5,
                ["bootstrap"] = new JsonObject { ["samples"] = BootstrapSamples, ["seed"] = 7 },
            },
        };
        return config.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private JsonObject Training()
    {
        var training = new JsonObject
        {
            ["iterations"] = Iterations,
            ["batchSize"] = BatchSize,
            ["metricsInterval"] = MetricsInterval,
            ["checkpointInterval"] = Math.Max(MetricsInterval, Iterations / 4),
        };
        // Unset learning rates take each generator kind's default (GanDefaults), as in qgan train.
        if (GeneratorLearningRate is double g)
        {
            training["generatorLearningRate"] = g;
        }
        if (CriticLearningRate is double c)
        {
            training["criticLearningRate"] = c;
        }
        if (EarlyStopPatience > 0)
        {
            training["earlyStop"] = new JsonObject { ["patience"] = EarlyStopPatience, ["minImprovement"] = 0.01 };
        }
        return training;
    }

    /// <summary>Parses "1,2,4" into positive integers (strictly increasing, as the sweep grid requires).</summary>
    public static IReadOnlyList<int> ParseList(string text, string flag, bool allowEmpty = false)
    {
        if (allowEmpty && (text.Length == 0 || text.Equals("none", StringComparison.OrdinalIgnoreCase)))
        {
            return [];
        }
        var values = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 1)
            {
                throw new ArgumentException($"{flag}: '{part}' is not a positive integer (expected a list like 1,2,4)");
            }
            if (values.Count > 0 && v <= values[^1])
            {
                throw new ArgumentException($"{flag}: values must be strictly increasing, got {text}");
            }
            values.Add(v);
        }
        return values;
    }
}
