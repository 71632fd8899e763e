using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Trainers.Gan.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Gan.Quantum;

/// <summary>
/// The style-based quantum generator as a TorchSharp module: noise [B, D] -&gt; readout [B, K].
/// Gate g has the angle <c>weights[g] * noise[g mod D] + biases[g]</c> (see <see cref="StyleArchitecture"/>);
/// weights and biases are trainable <see cref="Parameter"/>s, gradients come from the simulator's adjoint VJP.
/// </summary>
public sealed class QuantumGenerator : nn.Module<Tensor, Tensor>, IGenerator
{
    private readonly Parameter weights;
    private readonly Parameter biases;

    /// <param name="architecture">Qubits, layers, noise dimension and readout.</param>
    /// <param name="initRange">Weights and biases start uniform in [-initRange, initRange]; small angles keep the
    /// circuit close to the identity, away from barren plateaus.</param>
    /// <param name="backend">Simulator; the batched SIMD backend with adjoint gradients when null.</param>
    /// <param name="dtype">Parameter and output dtype (float32 for training, float64 for exact checks).</param>
    /// <param name="generator">Random source of the initialisation (torch's global generator when null).</param>
    public QuantumGenerator(StyleArchitecture architecture, double initRange = DefaultInitRange, IStyleCircuitBackend? backend = null, ScalarType dtype = ScalarType.Float32, torch.Generator? generator = null)
        : base("QuantumGenerator")
    {
        ArgumentNullException.ThrowIfNull(architecture);
        if (!(initRange >= 0) || !double.IsFinite(initRange))
        {
            throw new ArgumentOutOfRangeException(nameof(initRange), initRange, "initialisation range must be finite and >= 0");
        }
        Architecture = architecture;
        Backend = backend ?? new SimdStyleBackend(architecture);
        if (Backend.Architecture != architecture)
        {
            throw new ArgumentException("backend was built for a different architecture", nameof(backend));
        }
        int g = architecture.EncodedGateCount;
        weights = new Parameter(ParameterInit.Uniform([g], initRange, dtype, generator));
        biases = new Parameter(ParameterInit.Uniform([g], initRange, dtype, generator));
        RegisterComponents();
    }

    /// <summary>Default half-width of the uniform initialisation of weights and biases.</summary>
    public const double DefaultInitRange = 0.1;

    /// <summary>The circuit layout.</summary>
    public StyleArchitecture Architecture { get; }

    /// <summary>The simulator computing outputs and gradients.</summary>
    public IStyleCircuitBackend Backend { get; }

    /// <summary>Trainable weights, one per encoded gate.</summary>
    public Parameter Weights => weights;

    /// <summary>Trainable biases, one per encoded gate.</summary>
    public Parameter Biases => biases;

    /// <summary>Noise values per sample.</summary>
    public int NoiseDimension => Architecture.LatentDim;

    /// <summary>Readout values per sample.</summary>
    public int OutputDimension => Architecture.OutputCount;

    /// <summary>10 n L + 2 n (one weight and one bias per encoded gate).</summary>
    public long ParameterCount => Architecture.ParameterCount;

    /// <inheritdoc/>
    public override Tensor forward(Tensor noise) => StyleCircuitFunction.Apply(noise, weights, biases, Backend);
}
