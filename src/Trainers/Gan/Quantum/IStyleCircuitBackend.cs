using QGan.MLNet.Quantum.Style;

namespace QGan.MLNet.Trainers.Gan.Quantum;

/// <summary>
/// What the quantum generator needs from a simulator: the batched forward pass of the style circuit and the
/// vector-Jacobian product of its readout. All buffers are row-major float64:
/// noise [B, D], outputs and gradOutputs [B, K] (K = <see cref="StyleArchitecture.OutputCount"/>),
/// weights, biases and their gradients [G] (G = <see cref="StyleArchitecture.EncodedGateCount"/>).
/// </summary>
public interface IStyleCircuitBackend
{
    /// <summary>The circuit layout.</summary>
    StyleArchitecture Architecture { get; }

    /// <summary>Short name reported in manifests and benchmarks.</summary>
    string Name { get; }

    /// <summary>Outputs [batch, K] of the circuit for <paramref name="batch"/> noise rows.</summary>
    void Forward(ReadOnlySpan<double> weights, ReadOnlySpan<double> biases, ReadOnlySpan<double> noise, int batch, Span<double> outputs);

    /// <summary>Given dL/d(outputs), writes dL/d(weights), dL/d(biases) (summed over the batch) and dL/d(noise) (per row).</summary>
    void Backward(
        ReadOnlySpan<double> weights, ReadOnlySpan<double> biases, ReadOnlySpan<double> noise, int batch,
        ReadOnlySpan<double> gradOutputs, Span<double> gradWeights, Span<double> gradBiases, Span<double> gradNoise);
}
