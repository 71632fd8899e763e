namespace QGan.MLNet.Quantum.Style;

/// <summary>The floating-point type of the simulated state (angles, outputs and gradients are double either way).</summary>
public enum SimulationPrecision
{
    /// <summary>Double precision (the default): outputs and gradients to about 1e-13.</summary>
    Double = 0,

    /// <summary>
    /// Single precision: half the memory per state and twice the values per vector, so faster on AVX-512 hardware;
    /// outputs and gradients agree with double to about 1e-5 (12 qubits, 8 layers). Without AVX-512 the
    /// single-precision kernels run scalar and are slower than double.
    /// </summary>
    Single = 1,
}
