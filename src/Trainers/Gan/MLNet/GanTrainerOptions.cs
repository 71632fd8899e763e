using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Trainers.Gan.Evaluation;
using QGan.MLNet.Trainers.Gan.Training;
using Microsoft.ML;

namespace QGan.MLNet.Trainers.Gan.MLNet;

/// <summary>Options shared by the quantum and classical GAN estimators (see <see cref="GanTrainingOptions"/> for the defaults' rationale).</summary>
public abstract class GanTrainerOptions
{
    /// <summary>Training column: fixed-size vector of Single (the autoencoder latent, 24 values).</summary>
    public string LatentColumnName { get; set; } = "Latent";

    /// <summary>
    /// Input column of the fitted transformer: fixed-size vector of Single noise. Null (default): each row's noise is
    /// drawn deterministically from (<see cref="Seed"/>, the row's <see cref="LatentColumnName"/> values), so the
    /// estimator works anywhere in a chain that carries the latent column.
    /// </summary>
    public string? NoiseColumnName { get; set; }

    /// <summary>Output column of the fitted transformer (defaults to <see cref="LatentColumnName"/>).</summary>
    public string? OutputColumnName { get; set; }

    public int NoiseDimension { get; set; } = 12;

    public IReadOnlyList<int> CriticHidden { get; set; } = [64, 64];

    public double LeakySlope { get; set; } = 0.2;

    public int Iterations { get; set; } = 1000;

    public int BatchSize { get; set; } = 64;

    public int CriticSteps { get; set; } = 5;

    public double GradientPenaltyWeight { get; set; } = 10;

    public double GeneratorLearningRate { get; set; } = 1e-4;

    public double CriticLearningRate { get; set; } = 1e-4;

    public double Beta1 { get; set; } = 0.5;

    public double Beta2 { get; set; } = 0.9;

    public double GeneratorMaxGradNorm { get; set; } = 10;

    public double CriticMaxGradNorm { get; set; } = 10;

    public long Seed { get; set; } = 1;

    public double ExplosionThreshold { get; set; } = 1e6;

    public int MetricsInterval { get; set; } = 50;

    public int CheckpointInterval { get; set; } = 100;

    /// <summary>CPU threads for training (libtorch and the quantum simulator); 1 (default) is reproducible and robust on a shared machine, 0 uses one per core.</summary>
    public int Threads { get; set; } = 1;

    /// <summary>Run directory for <c>metrics.csv</c>, checkpoints and the final <c>generator/</c>; null trains in memory.</summary>
    public string? OutputDirectory { get; set; }

    /// <summary>Continue the run in <see cref="OutputDirectory"/> from its checkpoint.</summary>
    public bool Resume { get; set; }

    /// <summary>Held-out rows (same latent column) for the quality metrics.</summary>
    public IDataView? HeldOut { get; set; }

    /// <summary>Quality hook; when null and <see cref="HeldOut"/> is set, latent FID and JSD (plus pixel JSD with <see cref="Decoder"/>).</summary>
    public IGanQualityEvaluator? Evaluator { get; set; }

    /// <summary>Autoencoder decoder for the pixel-space metrics of the default evaluator (e.g. <see cref="OnnxLatentDecoder"/>).</summary>
    public ILatentDecoder? Decoder { get; set; }

    /// <summary>Reports each generator iteration.</summary>
    public IProgress<TrainingProgress>? Progress { get; set; }

    internal abstract GanTrainingOptions ToTrainingOptions();

    private protected GanTrainingOptions Common(GeneratorKind kind) => new()
    {
        Generator = kind,
        NoiseDimension = NoiseDimension,
        CriticHidden = CriticHidden.ToArray(),
        LeakySlope = LeakySlope,
        Iterations = Iterations,
        BatchSize = BatchSize,
        CriticSteps = CriticSteps,
        GradientPenaltyWeight = GradientPenaltyWeight,
        GeneratorLearningRate = GeneratorLearningRate,
        CriticLearningRate = CriticLearningRate,
        Beta1 = Beta1,
        Beta2 = Beta2,
        GeneratorMaxGradNorm = GeneratorMaxGradNorm,
        CriticMaxGradNorm = CriticMaxGradNorm,
        Seed = Seed,
        ExplosionThreshold = ExplosionThreshold,
        MetricsInterval = MetricsInterval,
        CheckpointInterval = CheckpointInterval,
        Threads = Threads,
    };
}

/// <summary>Options of <c>mlContext.QGan().Trainers.QuantumGan(...)</c>.</summary>
public sealed class QuantumGanOptions : GanTrainerOptions
{
    /// <summary>12 qubits read out as (Z, X) give the paper's 24 latent values.</summary>
    public int Qubits { get; set; } = 12;

    public int Layers { get; set; } = 2;

    public Readout Readout { get; set; } = Readout.ZX;

    /// <summary>Weights and biases start uniform in [-r, r].</summary>
    public double InitRange { get; set; } = 0.1;

    /// <summary>Adjoint (default) or parameter-shift gradients of the circuit.</summary>
    public QGan.MLNet.Quantum.Gradients.GradientMethod Gradient { get; set; } = QGan.MLNet.Quantum.Gradients.GradientMethod.Adjoint;

    /// <summary>State precision of the simulation: Double (default) or Single (faster with AVX-512, agrees to about 1e-5).</summary>
    public SimulationPrecision Precision { get; set; } = SimulationPrecision.Double;

    internal override GanTrainingOptions ToTrainingOptions() => Common(GeneratorKind.Quantum) with
    {
        Qubits = Qubits,
        Layers = Layers,
        Readout = Readout,
        QuantumInitRange = InitRange,
        QuantumGradient = Gradient,
        QuantumPrecision = Precision,
    };
}

/// <summary>Options of <c>mlContext.QGan().Trainers.ClassicalGan(...)</c>.</summary>
public sealed class ClassicalGanOptions : GanTrainerOptions
{
    public IReadOnlyList<int> GeneratorHidden { get; set; } = [64, 64];

    internal override GanTrainingOptions ToTrainingOptions() => Common(GeneratorKind.Classical) with
    {
        GeneratorHidden = GeneratorHidden.ToArray(),
    };
}
