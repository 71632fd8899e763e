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

    /// <summary>Held-out rows for FID/JSD; null: min(1000, rows / 5) as <c>qgan train</c>.</summary>
    public int? HeldOut { get; init; }

    public required SweepGenerators Generators { get; init; }

    public required SweepCritic Critic { get; init; }

    public required IReadOnlyList<int> Seeds { get; init; }

    public required SweepTraining Training { get; init; }

    public required SweepAnalysisSettings Analysis { get; init; }

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

    [JsonIgnore]
    public int RunCount => GeneratorGrid().Count * Critic.Widths.Count * Seeds.Count;

    /// <summary>Run <paramref name="index"/> of the grid: I = (g * critics + c) * seeds + s.</summary>
    public SweepRunSpec Run(int index)
    {
        if (index < 0 || index >= RunCount)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the sweep has {RunCount} runs (indices 0..{RunCount - 1})");
        }
        int seeds = Seeds.Count, critics = Critic.Widths.Count;
        int s = index % seeds;
        int c = index / seeds % critics;
        int g = index / seeds / critics;
        return new SweepRunSpec(index, GeneratorGrid()[g], Critic.Widths[c], Critic.Depth, Seeds[s]);
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
            GeneratorLearningRate = t.GeneratorLearningRate ?? d.GeneratorLearningRate,
            CriticLearningRate = t.CriticLearningRate ?? d.CriticLearningRate,
            Beta1 = t.Beta1 ?? d.Beta1,
            Beta2 = t.Beta2 ?? d.Beta2,
            GeneratorMaxGradNorm = MaxGradNorm(t.GeneratorMaxGradNorm) ?? d.GeneratorMaxGradNorm,
            CriticMaxGradNorm = MaxGradNorm(t.CriticMaxGradNorm) ?? d.CriticMaxGradNorm,
            MetricsInterval = t.MetricsInterval ?? d.MetricsInterval,
            CheckpointInterval = t.CheckpointInterval ?? d.CheckpointInterval,
            ExplosionThreshold = t.ExplosionThreshold ?? d.ExplosionThreshold,
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

/// <summary>Where the latents come from: exactly one of <see cref="Path"/>, <see cref="Synthetic"/> and <see cref="Latents"/>.</summary>
public sealed record SweepData(string? Autoencoder, string? Path, int? Synthetic, string? Latents);

public sealed record SweepGenerators(SweepQuantumGrid? Quantum, SweepClassicalGrid? Classical);

public sealed record SweepQuantumGrid(int Qubits, IReadOnlyList<int> Layers, string Readout, double InitRange);

public sealed record SweepClassicalGrid(IReadOnlyList<int> Widths, int Depth);

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
}

/// <summary>Thresholds of the optimality analysis (docs/sweep.md, "Analysis").</summary>
public sealed record SweepAnalysisSettings
{
    public int LastK { get; init; } = 5;
    public double MaxFidSpread { get; init; } = 0.25;
    public double MaxAbsWasserstein { get; init; } = 100;
    public double MinStableFraction { get; init; } = 0.5;
    public SweepBootstrapSettings Bootstrap { get; init; } = new();
}

public sealed record SweepBootstrapSettings
{
    public int Samples { get; init; } = 1000;
    public long Seed { get; init; } = 7;
    public double Confidence { get; init; } = 0.95;
}
