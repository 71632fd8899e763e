using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Experiments.Config;

/// <summary>One generator capacity of the grid: a quantum generator with L layers or a classical MLP of width w.</summary>
public sealed record SweepGeneratorSpec(GeneratorKind Kind, int? Qubits, int? Layers, int? Width, int? Depth)
{
    public static SweepGeneratorSpec QuantumLayers(int qubits, int layers) => new(GeneratorKind.Quantum, qubits, layers, null, null);

    public static SweepGeneratorSpec ClassicalWidth(int width, int depth) => new(GeneratorKind.Classical, null, null, width, depth);

    [System.Text.Json.Serialization.JsonIgnore]
    public string KindName => Kind == GeneratorKind.Quantum ? "quantum" : "classical";

    /// <summary>Short human label, e.g. "quantum L=2" or "classical w=16".</summary>
    public string Label => Kind == GeneratorKind.Quantum ? $"quantum L={Layers}" : $"classical w={Width}";
}

/// <summary>One run of the expanded grid.</summary>
public sealed record SweepRunSpec(int Index, SweepGeneratorSpec Generator, int CriticWidth, int CriticDepth, long Seed)
{
    /// <summary>Name of the autoencoder whose latent space the run trains in (null: pre-encoded latents).</summary>
    public string? Autoencoder { get; init; }

    public double GeneratorLearningRate { get; init; }

    public double CriticLearningRate { get; init; }
}
