using System.Globalization;
using System.Text.Json.Nodes;

namespace QGan.MLNet.Cli.Demo;

/// <summary>
/// Everything the demo does, from flags. The defaults are sized to finish in a few minutes on 2 cores; the flags
/// scale it up to the paper's study (<c>--layers 1,2,4,8 --widths ... --iterations 2000 --seeds 1,2,3 --data PATH</c>).
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

    public IReadOnlyList<int> Layers { get; init; } = [1, 2];

    public IReadOnlyList<int> Widths { get; init; } = [1, 4, 16];

    public IReadOnlyList<int> CriticWidths { get; init; } = [16, 64];

    public IReadOnlyList<int> Seeds { get; init; } = [1];

    public int Iterations { get; init; } = 200;

    public int BatchSize { get; init; } = 32;

    public int MetricsInterval { get; init; } = 20;

    public int HeldOut { get; init; } = 400;

    /// <summary>Generator learning rate; 5e-3 lets the quantum generator (angles start near 0) move within the demo's few hundred iterations while the classical runs stay stable.</summary>
    public double GeneratorLearningRate { get; init; } = 5e-3;

    public double CriticLearningRate { get; init; } = 1e-3;

    public int Workers { get; init; } = Environment.ProcessorCount;

    public long Shots { get; init; } = 2000;

    public int HardwareCount { get; init; } = 64;

    /// <summary>Device noise model for the noisy hardware run; null = only the ideal (shot-noise) run.</summary>
    public string? NoiseModel { get; init; }

    public int Trajectories { get; init; } = 32;

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
        BatchSize = 16,
        MetricsInterval = 2,
        HeldOut = 40,
        Shots = 200,
        HardwareCount = 8,
        Trajectories = 4,
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
        Positive("--synthetic", Synthetic, 20);
        Positive("--ae-epochs", AutoencoderEpochs);
        Positive("--qubits", Qubits);
        Positive("--iterations", Iterations);
        Positive("--batch-size", BatchSize);
        Positive("--metrics-interval", MetricsInterval);
        Positive("--held-out", HeldOut, 2);
        Positive("--workers", Workers);
        Positive("--shots", Shots);
        Positive("--hardware-count", HardwareCount, 2);
        Positive("--trajectories", Trajectories);
        if (Layers.Count == 0 && Widths.Count == 0)
        {
            throw new ArgumentException("give at least one of --layers and --widths");
        }
        if (Data is null && HeldOut > Synthetic - 2)
        {
            throw new ArgumentException($"--held-out {HeldOut} leaves too few of the {Synthetic} synthetic patches for training");
        }
        if (!(GeneratorLearningRate > 0) || !(CriticLearningRate > 0))
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
            ["training"] = new JsonObject
            {
                ["iterations"] = Iterations,
                ["batchSize"] = BatchSize,
                ["generatorLearningRate"] = GeneratorLearningRate,
                ["criticLearningRate"] = CriticLearningRate,
                ["metricsInterval"] = MetricsInterval,
                ["checkpointInterval"] = Math.Max(MetricsInterval, Iterations / 4),
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
