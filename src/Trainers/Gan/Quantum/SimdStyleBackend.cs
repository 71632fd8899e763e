using QGan.MLNet.Quantum.Gradients;
using QGan.MLNet.Quantum.Style;

namespace QGan.MLNet.Trainers.Gan.Quantum;

/// <summary>
/// The default backend: the batched SIMD <see cref="StyleGenerator"/> of the quantum core (per-thread runners,
/// results independent of the thread count). Gradients by the adjoint sweep, or by the parameter-shift rule
/// (what quantum hardware could run; same values, about 2-4 G times the cost). The state is simulated in double
/// precision unless <see cref="SimulationPrecision.Single"/> is asked for.
/// </summary>
public sealed class SimdStyleBackend : IStyleCircuitBackend
{
    private readonly StyleGenerator _generator;

    /// <summary>A backend for <paramref name="architecture"/> with the given gradient method, worker threads (0: one per core) and precision.</summary>
    public SimdStyleBackend(StyleArchitecture architecture, GradientMethod gradientMethod = GradientMethod.Adjoint, int maxDegreeOfParallelism = 0,
        SimulationPrecision precision = SimulationPrecision.Double)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        if (gradientMethod is not (GradientMethod.Adjoint or GradientMethod.ParameterShift))
        {
            throw new ArgumentOutOfRangeException(nameof(gradientMethod), gradientMethod, "training gradients must be exact: Adjoint or ParameterShift");
        }
        _generator = new StyleGenerator(architecture, maxDegreeOfParallelism) { Precision = precision };
        GradientMethod = gradientMethod;
    }

    /// <summary>The circuit layout.</summary>
    public StyleArchitecture Architecture => _generator.Architecture;

    /// <summary>Adjoint or parameter shift.</summary>
    public GradientMethod GradientMethod { get; }

    /// <summary>State precision of the simulation.</summary>
    public SimulationPrecision Precision => _generator.Precision;

    /// <summary>Worker threads per simulator call.</summary>
    public int MaxDegreeOfParallelism => _generator.MaxDegreeOfParallelism;

    /// <summary>Name for reports.</summary>
    public string Name => (GradientMethod == GradientMethod.Adjoint ? "simd-adjoint" : "simd-parameter-shift")
        + (Precision == SimulationPrecision.Single ? "-single" : "");

    /// <summary>Outputs [batch, K] on the SIMD engine.</summary>
    public void Forward(ReadOnlySpan<double> weights, ReadOnlySpan<double> biases, ReadOnlySpan<double> noise, int batch, Span<double> outputs)
    {
        CheckBatch(noise, batch);
        _generator.Forward(weights, biases, noise, outputs);
    }

    /// <summary>Gradients of weights, biases and noise for the upstream gradient (adjoint or parameter shift).</summary>
    public void Backward(
        ReadOnlySpan<double> weights, ReadOnlySpan<double> biases, ReadOnlySpan<double> noise, int batch,
        ReadOnlySpan<double> gradOutputs, Span<double> gradWeights, Span<double> gradBiases, Span<double> gradNoise)
    {
        CheckBatch(noise, batch);
        _generator.Backward(weights, biases, noise, gradOutputs, gradWeights, gradBiases, gradNoise, GradientMethod);
    }

    private void CheckBatch(ReadOnlySpan<double> noise, int batch)
    {
        if (noise.Length != batch * Architecture.LatentDim)
        {
            throw new ArgumentException($"noise has {noise.Length} values, expected {batch} x {Architecture.LatentDim}", nameof(noise));
        }
    }
}
