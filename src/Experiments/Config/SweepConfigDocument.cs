using System.Text.Json;
using System.Text.Json.Serialization;

namespace QGan.MLNet.Experiments.Config;

/// <summary>
/// The JSON shape of a sweep configuration (docs/sweep.md) as System.Text.Json deserializes it (strictly, see
/// <c>StrictJson</c>); <see cref="SweepConfigParser"/> validates it into a <see cref="SweepConfig"/>. Absent optional
/// keys are null here; the parser fills in the defaults.
/// </summary>
internal sealed record SweepConfigDocument
{
    [JsonPropertyName("data")]
    public required SweepDataDocument Data { get; init; }

    [JsonPropertyName("heldOut")]
    public int? HeldOut { get; init; }

    [JsonPropertyName("generators")]
    public required SweepGeneratorsDocument Generators { get; init; }

    [JsonPropertyName("critic")]
    public required SweepCriticDocument Critic { get; init; }

    [JsonPropertyName("seeds")]
    public int[]? Seeds { get; init; }

    [JsonPropertyName("training")]
    public required SweepTrainingDocument Training { get; init; }

    [JsonPropertyName("analysis")]
    public SweepAnalysisDocument? Analysis { get; init; }

    [JsonPropertyName("evaluation")]
    public SweepEvaluationDocument? Evaluation { get; init; }

    [JsonPropertyName("hardware")]
    public SweepHardwareDocument? Hardware { get; init; }
}

internal sealed record SweepDataDocument
{
    [JsonPropertyName("autoencoder")]
    public string? Autoencoder { get; init; }

    [JsonPropertyName("path")]
    public string? Path { get; init; }

    [JsonPropertyName("synthetic")]
    public int? Synthetic { get; init; }

    [JsonPropertyName("latents")]
    public string? Latents { get; init; }

    [JsonPropertyName("autoencoders")]
    public SweepAutoencoderDocument[]? Autoencoders { get; init; }
}

internal sealed record SweepAutoencoderDocument
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("path")]
    public string? Path { get; init; }

    [JsonPropertyName("train")]
    public SweepAutoencoderTrainingDocument? Train { get; init; }
}

internal sealed record SweepAutoencoderTrainingDocument
{
    [JsonPropertyName("epochs")]
    public int? Epochs { get; init; }

    [JsonPropertyName("seed")]
    public int? Seed { get; init; }
}

internal sealed record SweepGeneratorsDocument
{
    [JsonPropertyName("quantum")]
    public SweepQuantumDocument? Quantum { get; init; }

    [JsonPropertyName("classical")]
    public SweepClassicalDocument? Classical { get; init; }
}

internal sealed record SweepQuantumDocument
{
    [JsonPropertyName("qubits")]
    public int? Qubits { get; init; }

    [JsonPropertyName("layers")]
    public required int[] Layers { get; init; }

    [JsonPropertyName("readout")]
    public string? Readout { get; init; }

    [JsonPropertyName("initRange")]
    public double? InitRange { get; init; }

    /// <summary>A number or a list of numbers (every value is a run of each cell).</summary>
    [JsonPropertyName("generatorLearningRate")]
    public JsonElement? GeneratorLearningRate { get; init; }

    [JsonPropertyName("criticLearningRate")]
    public JsonElement? CriticLearningRate { get; init; }
}

internal sealed record SweepClassicalDocument
{
    /// <summary>A list of widths or a geometric grid <see cref="SweepGridDocument"/> (two shapes: validated by the parser).</summary>
    [JsonPropertyName("widths")]
    public required JsonElement Widths { get; init; }

    [JsonPropertyName("depth")]
    public int? Depth { get; init; }

    /// <summary>A number or a list of numbers (every value is a run of each cell).</summary>
    [JsonPropertyName("generatorLearningRate")]
    public JsonElement? GeneratorLearningRate { get; init; }

    [JsonPropertyName("criticLearningRate")]
    public JsonElement? CriticLearningRate { get; init; }
}

internal sealed record SweepCriticDocument
{
    [JsonPropertyName("widths")]
    public required JsonElement Widths { get; init; }

    [JsonPropertyName("depth")]
    public int? Depth { get; init; }
}

/// <summary>A geometric grid: round(start * factor^k) for k = 0..count-1.</summary>
internal sealed record SweepGridDocument
{
    [JsonPropertyName("start")]
    public required int Start { get; init; }

    [JsonPropertyName("factor")]
    public required double Factor { get; init; }

    [JsonPropertyName("count")]
    public required int Count { get; init; }
}

internal sealed record SweepTrainingDocument
{
    [JsonPropertyName("iterations")]
    public required int Iterations { get; init; }

    [JsonPropertyName("batchSize")]
    public int? BatchSize { get; init; }

    [JsonPropertyName("criticSteps")]
    public int? CriticSteps { get; init; }

    [JsonPropertyName("noiseDimension")]
    public int? NoiseDimension { get; init; }

    [JsonPropertyName("generatorLearningRate")]
    public double? GeneratorLearningRate { get; init; }

    [JsonPropertyName("criticLearningRate")]
    public double? CriticLearningRate { get; init; }

    [JsonPropertyName("beta1")]
    public double? Beta1 { get; init; }

    [JsonPropertyName("beta2")]
    public double? Beta2 { get; init; }

    [JsonPropertyName("gradientPenaltyWeight")]
    public double? GradientPenaltyWeight { get; init; }

    [JsonPropertyName("generatorMaxGradNorm")]
    public double? GeneratorMaxGradNorm { get; init; }

    [JsonPropertyName("criticMaxGradNorm")]
    public double? CriticMaxGradNorm { get; init; }

    [JsonPropertyName("explosionThreshold")]
    public double? ExplosionThreshold { get; init; }

    [JsonPropertyName("metricsInterval")]
    public int? MetricsInterval { get; init; }

    [JsonPropertyName("checkpointInterval")]
    public int? CheckpointInterval { get; init; }

    [JsonPropertyName("earlyStop")]
    public SweepEarlyStopDocument? EarlyStop { get; init; }
}

internal sealed record SweepEarlyStopDocument
{
    [JsonPropertyName("patience")]
    public int? Patience { get; init; }

    [JsonPropertyName("minImprovement")]
    public double? MinImprovement { get; init; }
}

internal sealed record SweepEvaluationDocument
{
    [JsonPropertyName("featureModel")]
    public string? FeatureModel { get; init; }

    [JsonPropertyName("fidInfinity")]
    public bool? FidInfinity { get; init; }

    [JsonPropertyName("pixelFid")]
    public string? PixelFid { get; init; }
}

internal sealed record SweepHardwareDocument
{
    [JsonPropertyName("shots")]
    public long[]? Shots { get; init; }

    [JsonPropertyName("noiseModel")]
    public string? NoiseModel { get; init; }

    [JsonPropertyName("trajectories")]
    public int? Trajectories { get; init; }

    [JsonPropertyName("seed")]
    public long? Seed { get; init; }
}

internal sealed record SweepAnalysisDocument
{
    [JsonPropertyName("lastK")]
    public int? LastK { get; init; }

    [JsonPropertyName("maxFidSpread")]
    public double? MaxFidSpread { get; init; }

    [JsonPropertyName("maxAbsWasserstein")]
    public double? MaxAbsWasserstein { get; init; }

    [JsonPropertyName("minStableFraction")]
    public double? MinStableFraction { get; init; }

    [JsonPropertyName("bootstrap")]
    public SweepBootstrapDocument? Bootstrap { get; init; }

    [JsonPropertyName("space")]
    public string? Space { get; init; }

    [JsonPropertyName("fidInfinity")]
    public bool? FidInfinity { get; init; }

    [JsonPropertyName("maxTrend")]
    public double? MaxTrend { get; init; }

    [JsonPropertyName("maxNoise")]
    public double? MaxNoise { get; init; }
}

internal sealed record SweepBootstrapDocument
{
    [JsonPropertyName("samples")]
    public int? Samples { get; init; }

    [JsonPropertyName("seed")]
    public long? Seed { get; init; }

    [JsonPropertyName("confidence")]
    public double? Confidence { get; init; }
}
