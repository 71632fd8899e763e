using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Trainers.Gan.Evaluation;
using QGan.MLNet.Trainers.Gan.Training;
using Microsoft.ML;

namespace QGan.MLNet.Trainers.Gan.MLNet;

/// <summary>
/// Options shared by the quantum and classical GAN estimators. Every default comes from <see cref="GanDefaults.For"/>
/// for the estimator's generator kind (see <see cref="GanTrainingOptions"/> for the rationale); the names are those of
/// <see cref="GanTrainingOptions"/>, the <c>qgan train</c> flags and the sweep configuration.
/// </summary>
public abstract class GanTrainerOptions
{
    private protected GanTrainerOptions(GeneratorKind kind)
    {
        var d = GanDefaults.For(kind);
        NoiseDimension = d.NoiseDimension;
        CriticHidden = d.CriticHidden.ToArray();
        LeakySlope = d.LeakySlope;
        Iterations = d.Iterations;
        BatchSize = d.BatchSize;
        CriticSteps = d.CriticSteps;
        GradientPenaltyWeight = d.GradientPenaltyWeight;
        GeneratorLearningRate = d.GeneratorLearningRate;
        CriticLearningRate = d.CriticLearningRate;
        Beta1 = d.Beta1;
        Beta2 = d.Beta2;
        GeneratorMaxGradNorm = d.GeneratorMaxGradNorm;
        CriticMaxGradNorm = d.CriticMaxGradNorm;
        Seed = d.Seed;
        ExplosionThreshold = d.ExplosionThreshold;
        MetricsInterval = d.MetricsInterval;
        CheckpointInterval = d.CheckpointInterval;
    }

    /// <summary>Training column: fixed-size vector of Single (the autoencoder latent, 24 values).</summary>
    public string LatentColumnName { get; set; } = "Latent";

    /// <summary>Input column of the fitted transformer: fixed-size vector of Single noise.</summary>
    public string NoiseColumnName { get; set; } = "Noise";

    /// <summary>Output column of the fitted transformer (defaults to <see cref="LatentColumnName"/>).</summary>
    public string? OutputColumnName { get; set; }

    public int NoiseDimension { get; set; }

    public IReadOnlyList<int> CriticHidden { get; set; }

    public double LeakySlope { get; set; }

    public int Iterations { get; set; }

    public int BatchSize { get; set; }

    public int CriticSteps { get; set; }

    public double GradientPenaltyWeight { get; set; }

    public double GeneratorLearningRate { get; set; }

    public double CriticLearningRate { get; set; }

    public double Beta1 { get; set; }

    public double Beta2 { get; set; }

    /// <summary>Max global L2 gradient norm of the generator; +infinity disables clipping.</summary>
    public double GeneratorMaxGradNorm { get; set; }

    /// <summary>Max global L2 gradient norm of the critic; +infinity disables clipping.</summary>
    public double CriticMaxGradNorm { get; set; }

    public long Seed { get; set; }

    public double ExplosionThreshold { get; set; }

    public int MetricsInterval { get; set; }

    public int CheckpointInterval { get; set; }

    /// <summary>Run directory for <c>metrics.csv</c>, checkpoints and the final <c>generator/</c>; null trains in memory.</summary>
    public string? OutputDirectory { get; set; }

    /// <summary>Continue the run in <see cref="OutputDirectory"/> from its checkpoint.</summary>
    public bool Resume { get; set; }

    /// <summary>Held-out rows (same latent column) for the quality metrics.</summary>
    public IDataView? HeldOut { get; set; }

    /// <summary>
    /// Validation rows (same latent column, disjoint from <see cref="HeldOut"/>): their latent FID selects the reported
    /// generator and drives <see cref="EarlyStop"/>. Required with it.
    /// </summary>
    public IDataView? Validation { get; set; }

    /// <summary>Early stopping on a validation-FID plateau (null: train all <see cref="Iterations"/>, then the maximum).</summary>
    public EarlyStopOptions? EarlyStop { get; set; }

    /// <summary>Quality hook; when null and <see cref="HeldOut"/> is set, latent FID and JSD (plus pixel JSD with <see cref="Decoder"/>).</summary>
    public IGanQualityEvaluator? Evaluator { get; set; }

    /// <summary>Autoencoder decoder for the pixel-space metrics of the default evaluator (e.g. <see cref="OnnxLatentDecoder"/>).</summary>
    public ILatentDecoder? Decoder { get; set; }

    /// <summary>Reports each generator iteration.</summary>
    public IProgress<TrainingProgress>? Progress { get; set; }

    internal abstract GanTrainingOptions ToTrainingOptions();

    private protected GanTrainingOptions Common(GeneratorKind kind) => GanDefaults.For(kind) with
    {
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
        EarlyStop = EarlyStop,
    };
}

/// <summary>Options of <c>mlContext.QGan().Trainers.QuantumGan(...)</c>.</summary>
public sealed class QuantumGanOptions : GanTrainerOptions
{
    public QuantumGanOptions()
        : base(GeneratorKind.Quantum)
    {
        var d = GanDefaults.For(GeneratorKind.Quantum);
        Qubits = d.Qubits;
        Layers = d.Layers;
        Readout = d.Readout;
        InitRange = d.QuantumInitRange;
        Gradient = d.QuantumGradient;
        Precision = d.QuantumPrecision;
    }

    /// <summary>12 qubits read out as (Z, X) give the paper's 24 latent values.</summary>
    public int Qubits { get; set; }

    public int Layers { get; set; }

    public Readout Readout { get; set; }

    /// <summary>Weights and biases start uniform in [-r, r].</summary>
    public double InitRange { get; set; }

    /// <summary>Adjoint (default) or parameter-shift gradients of the circuit.</summary>
    public QGan.MLNet.Quantum.Gradients.GradientMethod Gradient { get; set; }

    /// <summary>State precision of the simulation: Double (default) or Single (faster with AVX-512, agrees to about 1e-5).</summary>
    public SimulationPrecision Precision { get; set; }

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
    public ClassicalGanOptions()
        : base(GeneratorKind.Classical) => GeneratorHidden = GanDefaults.For(GeneratorKind.Classical).GeneratorHidden.ToArray();

    public IReadOnlyList<int> GeneratorHidden { get; set; }

    internal override GanTrainingOptions ToTrainingOptions() => Common(GeneratorKind.Classical) with
    {
        GeneratorHidden = GeneratorHidden.ToArray(),
    };
}
