using System.Text.Json.Serialization;
using System.Text.Json;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Experiments.Config;

/// <summary>
/// A validated, normalised capacity sweep (see docs/sweep.md): geometric grids expanded, defaults filled in,
/// paths absolute. Its JSON form (<see cref="ToJson"/>) is itself a valid config, which is what
/// <c>DIR/sweep.json</c> holds.
/// </summary>
public sealed record SweepConfig
{
    public const string FileName = "sweep.json";

    public required SweepData Data { get; init; }

    /// <summary>
    /// The evaluation sample size: rows of the held-out (test) split whose FID is reported, and of the disjoint validation
    /// split of the same size (selection, noise floor); null: min(1000, rows / 5).
    /// </summary>
    public int? HeldOut { get; init; }

    public required SweepGenerators Generators { get; init; }

    public required SweepCritic Critic { get; init; }

    public required IReadOnlyList<int> Seeds { get; init; }

    public required SweepTraining Training { get; init; }

    public required SweepAnalysisSettings Analysis { get; init; }

    /// <summary>What is measured at the end of every run (docs/sweep.md, "Measurement").</summary>
    public SweepEvaluation Evaluation { get; init; } = new();

    /// <summary>The shot study of every quantum depth's best run (RQ4); null: not run.</summary>
    public SweepHardware? Hardware { get; init; }

    /// <summary>The generator capacities in expansion order: quantum layers as given, then classical widths ascending.</summary>
    public IReadOnlyList<SweepGeneratorSpec> GeneratorGrid()
    {
        var list = new List<SweepGeneratorSpec>();
        if (Generators.Quantum is { } q)
        {
            list.AddRange(q.Layers.Select(l => SweepGeneratorSpec.QuantumLayers(q.Qubits, l)));
        }
        if (Generators.Classical is { } c)
        {
            list.AddRange(c.Widths.Select(w => SweepGeneratorSpec.ClassicalWidth(w, c.Depth)));
        }
        return list;
    }

    /// <summary>
    /// The autoencoders whose latent spaces the study trains in, outermost in the run order: the list of
    /// <c>data.autoencoders</c>, or the single <c>data.autoencoder</c> (named after its folder); empty for
    /// pre-encoded latents without an autoencoder.
    /// </summary>
    public IReadOnlyList<SweepAutoencoder> AutoencoderList() =>
        Data.Autoencoders ?? (Data.Autoencoder is { } dir ? [new SweepAutoencoder(System.IO.Path.GetFileName(dir.TrimEnd('/', '\\')), dir)] : []);

    /// <summary>
    /// The (generator, critic) learning-rate pairs of a generator kind, generator rate outer: the kind's grid lists, else
    /// <c>training.generatorLearningRate</c> / <c>criticLearningRate</c>, else the kind's default (<see cref="GanDefaults"/>).
    /// </summary>
    public IReadOnlyList<(double Generator, double Critic)> LearningRates(GeneratorKind kind)
    {
        var (g, c) = kind == GeneratorKind.Quantum
            ? (Generators.Quantum?.GeneratorLearningRate, Generators.Quantum?.CriticLearningRate)
            : (Generators.Classical?.GeneratorLearningRate, Generators.Classical?.CriticLearningRate);
        var d = GanDefaults.For(kind);
        g ??= [Training.GeneratorLearningRate ?? d.GeneratorLearningRate];
        c ??= [Training.CriticLearningRate ?? d.CriticLearningRate];
        return [.. g.SelectMany(lg => c.Select(lc => (lg, lc)))];
    }

    [JsonIgnore]
    public int RunCount => Math.Max(1, AutoencoderList().Count) * RunsPerAutoencoder;

    private int RunsPerAutoencoder => GeneratorGrid().Sum(g => LearningRates(g.Kind).Count) * Critic.Widths.Count * Seeds.Count;

    /// <summary>
    /// Run <paramref name="index"/> of the grid. Autoencoders outermost, then generators (quantum layers as given, classical
    /// widths ascending), critic widths, learning-rate pairs of the generator's kind, seeds innermost:
    /// I = a * R + offset(g) + (c * lrs(g) + l) * seeds + s, with R the runs per autoencoder and offset(g) the runs of the
    /// generators before g. With one autoencoder and one learning-rate pair this is I = (g * critics + c) * seeds + s.
    /// </summary>
    public SweepRunSpec Run(int index)
    {
        if (index < 0 || index >= RunCount)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the sweep has {RunCount} runs (indices 0..{RunCount - 1})");
        }
        int perAutoencoder = RunsPerAutoencoder;
        var autoencoders = AutoencoderList();
        int a = index / perAutoencoder, rest = index % perAutoencoder;
        int seeds = Seeds.Count, critics = Critic.Widths.Count;
        foreach (var generator in GeneratorGrid())
        {
            var rates = LearningRates(generator.Kind);
            int runs = critics * rates.Count * seeds;
            if (rest < runs)
            {
                int s = rest % seeds;
                int l = rest / seeds % rates.Count;
                int c = rest / seeds / rates.Count;
                return new SweepRunSpec(index, generator, Critic.Widths[c], Critic.Depth, Seeds[s])
                {
                    Autoencoder = autoencoders.Count == 0 ? null : autoencoders[a].Name,
                    GeneratorLearningRate = rates[l].Generator,
                    CriticLearningRate = rates[l].Critic,
                };
            }
            rest -= runs;
        }
        throw new InvalidOperationException("unreachable: the run index was checked against the run count");
    }

    public IEnumerable<SweepRunSpec> Runs() => Enumerable.Range(0, RunCount).Select(Run);

    /// <summary>The <c>qgan train</c> options of one run: the defaults of its generator kind (<see cref="GanDefaults"/>) with the config's values.</summary>
    public GanTrainingOptions Options(SweepRunSpec run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var t = Training;
        var d = GanDefaults.For(run.Generator.Kind);
        var quantum = Generators.Quantum;
        return d with
        {
            Qubits = quantum?.Qubits ?? d.Qubits,
            Layers = run.Generator.Layers ?? 1,
            Readout = quantum is null ? d.Readout : ParseReadout(quantum.Readout),
            QuantumInitRange = quantum?.InitRange ?? d.QuantumInitRange,
            GeneratorHidden = run.Generator.Kind == GeneratorKind.Classical
                ? Enumerable.Repeat(run.Generator.Width!.Value, run.Generator.Depth!.Value).ToArray()
                : d.GeneratorHidden,
            CriticHidden = Enumerable.Repeat(run.CriticWidth, run.CriticDepth).ToArray(),
            NoiseDimension = t.NoiseDimension ?? d.NoiseDimension,
            Iterations = t.Iterations,
            Seed = run.Seed,
            BatchSize = t.BatchSize ?? d.BatchSize,
            CriticSteps = t.CriticSteps ?? d.CriticSteps,
            GradientPenaltyWeight = t.GradientPenaltyWeight ?? d.GradientPenaltyWeight,
            GeneratorLearningRate = run.GeneratorLearningRate,
            CriticLearningRate = run.CriticLearningRate,
            Beta1 = t.Beta1 ?? d.Beta1,
            Beta2 = t.Beta2 ?? d.Beta2,
            GeneratorMaxGradNorm = MaxGradNorm(t.GeneratorMaxGradNorm) ?? d.GeneratorMaxGradNorm,
            CriticMaxGradNorm = MaxGradNorm(t.CriticMaxGradNorm) ?? d.CriticMaxGradNorm,
            MetricsInterval = t.MetricsInterval ?? d.MetricsInterval,
            CheckpointInterval = t.CheckpointInterval ?? d.CheckpointInterval,
            ExplosionThreshold = t.ExplosionThreshold ?? d.ExplosionThreshold,
            EarlyStop = t.EarlyStop,
        };
    }

    /// <summary>JSON has no infinity: 0 in the config means no clipping.</summary>
    private static double? MaxGradNorm(double? value) => value == 0 ? double.PositiveInfinity : value;

    internal static Readout ParseReadout(string text) => text switch
    {
        "zx" => Readout.ZX,
        "z" => Readout.Z,
        "xyz" => Readout.XYZ,
        _ => throw new ArgumentException($"readout must be zx, z or xyz, got '{text}'"),
    };

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";
}

/// <summary>
/// Where the latents come from: exactly one of <see cref="Path"/>, <see cref="Synthetic"/> and <see cref="Latents"/>;
/// the latent space is <see cref="Autoencoder"/>'s or, for a study of several, each of <see cref="Autoencoders"/>'.
/// </summary>
public sealed record SweepData(string? Autoencoder, string? Path, int? Synthetic, string? Latents)
{
    /// <summary>Several autoencoders (RQ3): every run of the grid is trained once in each one's latent space.</summary>
    public IReadOnlyList<SweepAutoencoder>? Autoencoders { get; init; }
}

/// <summary>
/// One autoencoder of a study: a trained folder (<see cref="Path"/>), or trained by the sweep on its images before the
/// runs (<see cref="Train"/>, into <c>DIR/autoencoders/NAME</c>).
/// </summary>
public sealed record SweepAutoencoder(string Name, string? Path)
{
    public SweepAutoencoderTraining? Train { get; init; }
}

/// <summary>How the sweep trains an autoencoder (the compact architecture of <c>qgan train-ae</c>, on the sweep's images).</summary>
public sealed record SweepAutoencoderTraining
{
    public int Epochs { get; init; } = 3;

    public int Seed { get; init; } = 1;
}

public sealed record SweepGenerators(SweepQuantumGrid? Quantum, SweepClassicalGrid? Classical);

/// <summary>The quantum generators: one per layer count; learning rates of the kind (lists: every value is a run of each cell).</summary>
public sealed record SweepQuantumGrid(int Qubits, IReadOnlyList<int> Layers, string Readout, double InitRange)
{
    public IReadOnlyList<double>? GeneratorLearningRate { get; init; }

    public IReadOnlyList<double>? CriticLearningRate { get; init; }
}

/// <summary>The classical generators: one per width; learning rates of the kind (lists: every value is a run of each cell).</summary>
public sealed record SweepClassicalGrid(IReadOnlyList<int> Widths, int Depth)
{
    public IReadOnlyList<double>? GeneratorLearningRate { get; init; }

    public IReadOnlyList<double>? CriticLearningRate { get; init; }
}

/// <summary>The end-of-run measurement (docs/sweep.md, "Measurement").</summary>
public sealed record SweepEvaluation
{
    /// <summary>ONNX feature network over decoded images for the feature space (e.g. models/sat4-features/features.onnx); null: none.</summary>
    public string? FeatureModel { get; init; }

    /// <summary>Also record the latent FID-infinity of every run.</summary>
    public bool FidInfinity { get; init; }

    /// <summary>Which runs get the (costly) pixel FID: <c>best</c> (every generator's best cell, after the sweep), <c>all</c> or <c>none</c>.</summary>
    public string PixelFid { get; init; } = "best";
}

/// <summary>The shot study of every quantum depth's best run (RQ4, docs/sweep.md).</summary>
public sealed record SweepHardware
{
    /// <summary>Shots per circuit, ascending.</summary>
    public IReadOnlyList<long> Shots { get; init; } = [300, 1000, 3000, 10000];

    /// <summary>Device noise model (qgan-noise-model/1 JSON); null: ideal device only.</summary>
    public string? NoiseModel { get; init; }

    /// <summary>Noise trajectories per sample and basis.</summary>
    public int Trajectories { get; init; } = 16;

    public long Seed { get; init; } = 1;
}

public sealed record SweepCritic(IReadOnlyList<int> Widths, int Depth);

/// <summary>
/// The <c>qgan train</c> settings shared by every run, named as <see cref="GanTrainingOptions"/> and the
/// <c>qgan train</c> flags. A null (unset) value takes the default of each run's generator kind (<see cref="GanDefaults"/>).
/// </summary>
public sealed record SweepTraining
{
    public int Iterations { get; init; }
    public int? BatchSize { get; init; }
    public int? CriticSteps { get; init; }
    public int? NoiseDimension { get; init; }
    public double? GeneratorLearningRate { get; init; }
    public double? CriticLearningRate { get; init; }
    public double? Beta1 { get; init; }
    public double? Beta2 { get; init; }
    public double? GradientPenaltyWeight { get; init; }

    /// <summary>Max gradient norm of the generator; 0: no clipping.</summary>
    public double? GeneratorMaxGradNorm { get; init; }

    /// <summary>Max gradient norm of the critic; 0: no clipping.</summary>
    public double? CriticMaxGradNorm { get; init; }

    public double? ExplosionThreshold { get; init; }
    public int? MetricsInterval { get; init; }
    public int? CheckpointInterval { get; init; }

    /// <summary>Early stopping on a validation-FID plateau; <see cref="Iterations"/> is then the maximum.</summary>
    public EarlyStopOptions? EarlyStop { get; init; }
}

/// <summary>Thresholds of the optimality analysis (docs/sweep.md, "Analysis").</summary>
public sealed record SweepAnalysisSettings
{
    public int LastK { get; init; } = 5;
    public double MaxFidSpread { get; init; } = 0.25;
    public double MaxAbsWasserstein { get; init; } = 100;
    public double MinStableFraction { get; init; } = 0.5;
    public SweepBootstrapSettings Bootstrap { get; init; } = new();

    /// <summary>FID space of the headline analysis: <c>latent</c>, <c>feature</c> or <c>pixel</c> (docs/sweep.md, "Analysis").</summary>
    public string Space { get; init; } = "latent";

    /// <summary>In the latent space, compare FID-infinity (runs.csv <c>fid_infinity</c>) instead of the FID at the evaluation size.</summary>
    public bool FidInfinity { get; init; }

    /// <summary>Largest |trend| of a stable run's last K FIDs, in standard errors of its cell noise (docs/sweep.md, "Stability").</summary>
    public double MaxTrend { get; init; } = 3;

    /// <summary>Largest residual SD of a stable run's last K FIDs, as a multiple of its cell noise.</summary>
    public double MaxNoise { get; init; } = 2;
}

public sealed record SweepBootstrapSettings
{
    public int Samples { get; init; } = 1000;
    public long Seed { get; init; } = 7;
    public double Confidence { get; init; } = 0.95;
}
