namespace QGan.MLNet.Quantum.Gradients;

/// <summary>How a vector-Jacobian product through a quantum circuit is computed.</summary>
public enum GradientMethod
{
    /// <summary>Adjoint (reverse-mode) sweep: one forward and one backward pass per sample, exact. The default.</summary>
    Adjoint,

    /// <summary>Parameter-shift rule: 2 (RY, RZ) or 4 (CRY) extra circuit evaluations per angle, exact; what quantum hardware can run.</summary>
    ParameterShift,

    /// <summary>Central finite differences of the inputs themselves (weights, biases, noise): a test oracle, O(step^2) accurate.</summary>
    FiniteDifference,
}
