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
        Threads = d.Threads;
    }

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

    /// <summary>Dimension of the generator's standard normal noise (default 12).</summary>
    public int NoiseDimension { get; set; }

    /// <summary>Hidden widths of the critic (default 64, 64).</summary>
    public IReadOnlyList<int> CriticHidden { get; set; }

    /// <summary>LeakyReLU slope of the MLPs (default 0.2).</summary>
    public double LeakySlope { get; set; }

    /// <summary>Generator iterations (default 1000; the maximum with <see cref="EarlyStop"/>).</summary>
    public int Iterations { get; set; }

    /// <summary>Latent rows per critic step (default 64).</summary>
    public int BatchSize { get; set; }

    /// <summary>Critic steps per generator step (default 5).</summary>
    public int CriticSteps { get; set; }

    /// <summary>Gradient-penalty weight lambda (default 10).</summary>
    public double GradientPenaltyWeight { get; set; }

    /// <summary>Adam learning rate of the generator (default per kind, <see cref="GanDefaults"/>: quantum 3e-2, classical 1e-3).</summary>
    public double GeneratorLearningRate { get; set; }

    /// <summary>Adam learning rate of the critic (default per kind, <see cref="GanDefaults"/>: 1e-2 for both).</summary>
    public double CriticLearningRate { get; set; }

    /// <summary>Adam beta1 of both networks (default 0.5).</summary>
    public double Beta1 { get; set; }

    /// <summary>Adam beta2 of both networks (default 0.9).</summary>
    public double Beta2 { get; set; }

    /// <summary>Max global L2 gradient norm of the generator; +infinity disables clipping.</summary>
    public double GeneratorMaxGradNorm { get; set; }

    /// <summary>Max global L2 gradient norm of the critic; +infinity disables clipping.</summary>
    public double CriticMaxGradNorm { get; set; }

    /// <summary>Seed of initialisation and sampling; also of the noise the fitted transformer draws from rows (default 1).</summary>
    public long Seed { get; set; }

    /// <summary>A loss or gradient norm beyond this stops training as diverged (default 1e6).</summary>
    public double ExplosionThreshold { get; set; }

    /// <summary>Metrics row every this many iterations, and at the first and last (default 50).</summary>
    public int MetricsInterval { get; set; }

    /// <summary>Checkpoint every this many iterations and at the end (with an output directory; default 100).</summary>
    public int CheckpointInterval { get; set; }

    /// <summary>CPU threads for training (libtorch and the quantum simulator); 1 (default) is reproducible and robust on a shared machine, 0 uses one per core.</summary>
    public int Threads { get; set; }

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
        Threads = Threads,
    };
}

/// <summary>Options of <c>mlContext.QGan().Trainers.QuantumGan(...)</c>.</summary>
public sealed class QuantumGanOptions : GanTrainerOptions
{
    /// <summary>Options at the quantum generator's defaults (<see cref="GanDefaults"/>).</summary>
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

    /// <summary>Style layers (default 2).</summary>
    public int Layers { get; set; }

    /// <summary>Pauli expectations read out (default ZX: 2 per qubit).</summary>
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
    /// <summary>Options at the classical generator's defaults (<see cref="GanDefaults"/>).</summary>
    public ClassicalGanOptions()
        : base(GeneratorKind.Classical) => GeneratorHidden = GanDefaults.For(GeneratorKind.Classical).GeneratorHidden.ToArray();

    /// <summary>Hidden widths of the MLP generator (default 64, 64).</summary>
    public IReadOnlyList<int> GeneratorHidden { get; set; }

    internal override GanTrainingOptions ToTrainingOptions() => Common(GeneratorKind.Classical) with
    {
        GeneratorHidden = GeneratorHidden.ToArray(),
    };
}
