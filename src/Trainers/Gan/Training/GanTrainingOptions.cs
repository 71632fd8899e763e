using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using QGan.MLNet.Core.Limits;
using QGan.MLNet.Quantum.Gradients;
using QGan.MLNet.Quantum.Style;

namespace QGan.MLNet.Trainers.Gan.Training;

/// <summary>
/// Everything that defines a WGAN-GP run in latent space. Its initializers are the project's one set of defaults
/// (Gulrajani et al. 2017: gradient-penalty weight 10, 5 critic steps per generator step, Adam with lr 1e-4 and betas
/// (0.5, 0.9)); start from <see cref="GanDefaults.For"/> to get the defaults of a generator kind.
/// </summary>
public sealed record GanTrainingOptions
{
    /// <summary>Quantum or classical generator.</summary>
    public GeneratorKind Generator { get; init; } = GeneratorKind.Quantum;

    /// <summary>Qubits of the quantum generator (the paper: 12, read out as 12 x (Z, X) = 24 values).</summary>
    public int Qubits { get; init; } = 12;

    /// <summary>Style layers of the quantum generator.</summary>
    public int Layers { get; init; } = 2;

    /// <summary>Dimension of the generator's input noise (both generator kinds); noise is standard normal.</summary>
    public int NoiseDimension { get; init; } = 12;

    /// <summary>Which Pauli expectations the quantum generator outputs.</summary>
    public Readout Readout { get; init; } = Readout.ZX;

    /// <summary>Quantum weights and biases start uniform in [-r, r] (small angles: near-identity circuit, no barren plateau).</summary>
    public double QuantumInitRange { get; init; } = 0.1;

    /// <summary>How the quantum generator's gradients are computed: adjoint sweep (default) or parameter-shift rule (hardware-compatible, slower).</summary>
    public GradientMethod QuantumGradient { get; init; } = GradientMethod.Adjoint;

    /// <summary>State precision of the quantum simulation: double (default) or single (faster with AVX-512; outputs
    /// and gradients agree with double to about 1e-5).</summary>
    public SimulationPrecision QuantumPrecision { get; init; } = SimulationPrecision.Double;

    /// <summary>Hidden widths of the classical generator.</summary>
    public IReadOnlyList<int> GeneratorHidden { get; init; } = [64, 64];

    /// <summary>Hidden widths of the critic.</summary>
    public IReadOnlyList<int> CriticHidden { get; init; } = [64, 64];

    /// <summary>LeakyReLU slope of the MLPs.</summary>
    public double LeakySlope { get; init; } = 0.2;

    /// <summary>Generator steps to train (total, also when resuming).</summary>
    public int Iterations { get; init; } = 1000;

    /// <summary>Latent rows per critic step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Critic steps per generator step.</summary>
    public int CriticSteps { get; init; } = 5;

    /// <summary>Gradient-penalty weight lambda.</summary>
    public double GradientPenaltyWeight { get; init; } = 10;

    /// <summary>Adam learning rate of the generator.</summary>
    public double GeneratorLearningRate { get; init; } = 1e-4;

    /// <summary>Adam learning rate of the critic.</summary>
    public double CriticLearningRate { get; init; } = 1e-4;

    /// <summary>Adam beta1 of both networks.</summary>
    public double Beta1 { get; init; } = 0.5;

    /// <summary>Adam beta2 of both networks.</summary>
    public double Beta2 { get; init; } = 0.9;

    /// <summary>Max global L2 gradient norm of the generator (clip_grad_norm_); +infinity disables clipping.</summary>
    public double GeneratorMaxGradNorm { get; init; } = 10;

    /// <summary>Max global L2 gradient norm of the critic; +infinity disables clipping.</summary>
    public double CriticMaxGradNorm { get; init; } = 10;

    /// <summary>Seed of initialisation, sampling and the held-out split.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>A loss or gradient norm whose magnitude exceeds this stops training as diverged.</summary>
    public double ExplosionThreshold { get; init; } = 1e6;

    /// <summary>Metrics row every this many iterations (and at the first and last).</summary>
    public int MetricsInterval { get; init; } = 50;

    /// <summary>Checkpoint every this many iterations (and at the end).</summary>
    public int CheckpointInterval { get; init; } = 100;

    /// <summary>
    /// CPU threads for training: libtorch's intra-op threads (set for the duration of <c>Train</c>, then restored; libtorch
    /// has no per-call setting) and the quantum simulator's sample workers. 1 (default) is reproducible and the fastest
    /// on a shared machine (libtorch's default pool competing with other processes slowed a 200-iteration classical run
    /// 10-30x); 0 uses one per core. Not part of <see cref="ConfigHash"/>: a run may resume with another count.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// Early stopping on a plateau of the validation FID (needs a validation split); null trains all
    /// <see cref="Iterations"/>. With it, <see cref="Iterations"/> is the maximum and the reported generator is the one
    /// with the lowest validation FID. Not part of the configuration hash (it decides when to stop, not the trajectory).
    /// </summary>
    public EarlyStopOptions? EarlyStop { get; init; }

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> naming the first invalid option. Sizes are checked against
    /// <see cref="SizeLimits"/> (and the quantum state against the machine's memory) before anything is allocated.
    /// </summary>
    /// <param name="names">How to name an option in the message (the CLI passes its flags); default: the property name.</param>
    public void Validate(IReadOnlyDictionary<string, string>? names = null)
    {
        string Name(string property) => names is not null && names.TryGetValue(property, out var n) ? n : property;
        SizeLimits.Check(Iterations, 1, SizeLimits.MaxIterations, Name(nameof(Iterations)));
        SizeLimits.Check(BatchSize, 1, SizeLimits.MaxBatchSize, Name(nameof(BatchSize)));
        Positive(CriticSteps, Name(nameof(CriticSteps)));
        SizeLimits.Check(NoiseDimension, 1, SizeLimits.MaxNoiseDimension, Name(nameof(NoiseDimension)));
        Positive(MetricsInterval, Name(nameof(MetricsInterval)));
        Positive(CheckpointInterval, Name(nameof(CheckpointInterval)));
        if (Threads < 0)
        {
            throw new ArgumentException($"{Name(nameof(Threads))} must be >= 0 (0: one per core), got {Threads}");
        }
        if (Generator == GeneratorKind.Quantum)
        {
            SizeLimits.Check(Qubits, 1, SizeLimits.MaxQubits, Name(nameof(Qubits)));
            SizeLimits.Check(Layers, 0, SizeLimits.MaxLayers, Name(nameof(Layers)));
            if (SizeLimits.StateBytes(Qubits) > SizeLimits.AvailableMemoryBytes)
            {
                throw new ArgumentException(
                    $"{Name(nameof(Qubits))} = {Qubits} needs at least {SizeLimits.StateBytes(Qubits) / (1L << 30)} GiB for the simulation's state vectors, more than this machine's {SizeLimits.AvailableMemoryBytes / (1L << 30)} GiB");
            }
            _ = Architecture(); // validates the remaining combinations (a layer needs 2 qubits)
            if (!(QuantumInitRange >= 0) || !double.IsFinite(QuantumInitRange))
            {
                throw new ArgumentException($"{nameof(QuantumInitRange)} must be finite and >= 0, got {QuantumInitRange}");
            }
            if (QuantumGradient is not (GradientMethod.Adjoint or GradientMethod.ParameterShift))
            {
                throw new ArgumentException($"{nameof(QuantumGradient)} must be Adjoint or ParameterShift (exact gradients), got {QuantumGradient}");
            }
            if (!Enum.IsDefined(QuantumPrecision))
            {
                throw new ArgumentException($"{nameof(QuantumPrecision)} must be Double or Single, got {QuantumPrecision}");
            }
        }
        else if (Generator != GeneratorKind.Classical)
        {
            throw new ArgumentException($"unknown generator kind {Generator}");
        }
        Widths(GeneratorHidden, Name(nameof(GeneratorHidden)));
        Widths(CriticHidden, Name(nameof(CriticHidden)));
        if (CriticHidden.Count == 0)
        {
            throw new ArgumentException($"{Name(nameof(CriticHidden))} needs at least one hidden layer");
        }
        // The output widths are the latent width, unknown here: bounded by the widest readout (3 values per qubit).
        const int widestOutput = 3 * SizeLimits.MaxQubits;
        if (Generator == GeneratorKind.Classical && SizeLimits.MlpParameters(NoiseDimension, GeneratorHidden, widestOutput) > SizeLimits.MaxParameters)
        {
            throw new ArgumentException($"{Name(nameof(GeneratorHidden))} [{string.Join(",", GeneratorHidden)}] gives more than {SizeLimits.MaxParameters:N0} parameters");
        }
        if (SizeLimits.MlpParameters(widestOutput, CriticHidden, 1) > SizeLimits.MaxParameters)
        {
            throw new ArgumentException($"{Name(nameof(CriticHidden))} [{string.Join(",", CriticHidden)}] gives more than {SizeLimits.MaxParameters:N0} parameters");
        }
        FiniteNonNegative(GradientPenaltyWeight, nameof(GradientPenaltyWeight));
        PositiveFinite(GeneratorLearningRate, nameof(GeneratorLearningRate));
        PositiveFinite(CriticLearningRate, nameof(CriticLearningRate));
        if (!(Beta1 >= 0 && Beta1 < 1))
        {
            throw new ArgumentException($"{nameof(Beta1)} must be in [0, 1), got {Beta1}");
        }
        if (!(Beta2 >= 0 && Beta2 < 1))
        {
            throw new ArgumentException($"{nameof(Beta2)} must be in [0, 1), got {Beta2}");
        }
        if (!(GeneratorMaxGradNorm > 0))
        {
            throw new ArgumentException($"{nameof(GeneratorMaxGradNorm)} must be > 0 (use infinity to disable clipping), got {GeneratorMaxGradNorm}");
        }
        if (!(CriticMaxGradNorm > 0))
        {
            throw new ArgumentException($"{nameof(CriticMaxGradNorm)} must be > 0 (use infinity to disable clipping), got {CriticMaxGradNorm}");
        }
        if (!(ExplosionThreshold > 0))
        {
            throw new ArgumentException($"{nameof(ExplosionThreshold)} must be > 0, got {ExplosionThreshold}");
        }
        if (!(LeakySlope >= 0 && LeakySlope < 1))
        {
            throw new ArgumentException($"{nameof(LeakySlope)} must be in [0, 1), got {LeakySlope}");
        }
        EarlyStop?.Validate();
    }

    /// <summary>The quantum circuit layout these options describe.</summary>
    public StyleArchitecture Architecture() => new(Qubits, Layers, NoiseDimension, Readout);

    /// <summary>
    /// SHA-256 over everything that changes the trajectory of a run (architecture, optimiser, seed, batch),
    /// but not over <see cref="Iterations"/>, intervals or the explosion threshold, so a run can be extended.
    /// </summary>
    public string ConfigHash()
    {
        var identity = new
        {
            Generator = Generator.ToString(),
            Qubits = Generator == GeneratorKind.Quantum ? Qubits : 0,
            Layers = Generator == GeneratorKind.Quantum ? Layers : 0,
            Readout = Generator == GeneratorKind.Quantum ? Readout.ToString() : "",
            QuantumInitRange = Generator == GeneratorKind.Quantum ? QuantumInitRange : 0,
            QuantumGradient = Generator == GeneratorKind.Quantum ? QuantumGradient.ToString() : "",
            GeneratorHidden = Generator == GeneratorKind.Classical ? GeneratorHidden.ToArray() : [],
            NoiseDimension,
            CriticHidden = CriticHidden.ToArray(),
            LeakySlope,
            BatchSize,
            CriticSteps,
            GradientPenaltyWeight,
            GeneratorLearningRate,
            CriticLearningRate,
            Beta1,
            Beta2,
            GeneratorMaxGradNorm = Finite(GeneratorMaxGradNorm),
            CriticMaxGradNorm = Finite(CriticMaxGradNorm),
            Seed,
        };
        var json = JsonSerializer.Serialize(identity);
        if (Generator == GeneratorKind.Quantum && QuantumPrecision != SimulationPrecision.Double)
        {
            // Appended rather than a field of the identity, so runs in double keep the hashes of their checkpoints.
            json += $"|precision={QuantumPrecision}";
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }

    private static string Finite(double v) => double.IsPositiveInfinity(v) ? "inf" : v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static void Positive(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentException($"{name} must be >= 1, got {value}");
        }
    }

    private static void PositiveFinite(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentException($"{name} must be finite and > 0, got {value}");
        }
    }

    private static void FiniteNonNegative(double value, string name)
    {
        if (!(value >= 0) || !double.IsFinite(value))
        {
            throw new ArgumentException($"{name} must be finite and >= 0, got {value}");
        }
    }

    private static void Widths(IReadOnlyList<int>? widths, string name)
    {
        if (widths is null)
        {
            throw new ArgumentException($"{name} must not be null");
        }
        if (widths.Count > SizeLimits.MaxDepth)
        {
            throw new ArgumentException($"{name} has {widths.Count} hidden layers, at most {SizeLimits.MaxDepth}");
        }
        for (int i = 0; i < widths.Count; i++)
        {
            SizeLimits.Check(widths[i], 1, SizeLimits.MaxWidth, $"{name}[{i}]");
        }
    }
}
