namespace QGan.MLNet.Quantum.Gates;

/// <summary>The gate set of the engine (OpenQASM / Qiskit conventions; see docs/quantum.md).</summary>
public enum GateKind
{
    /// <summary>RX(t) = exp(-i t X / 2).</summary>
    RX,
    /// <summary>RY(t) = exp(-i t Y / 2).</summary>
    RY,
    /// <summary>RZ(t) = exp(-i t Z / 2).</summary>
    RZ,
    /// <summary>Hadamard.</summary>
    H,
    /// <summary>Pauli X.</summary>
    X,
    /// <summary>Pauli Y.</summary>
    Y,
    /// <summary>Pauli Z.</summary>
    Z,
    /// <summary>U(theta, phi, lambda) as in OpenQASM 3 / Qiskit.</summary>
    U,
    /// <summary>Controlled X: [control, target].</summary>
    CX,
    /// <summary>Controlled Z: [control, target] (symmetric).</summary>
    CZ,
    /// <summary>Controlled RY(t): [control, target].</summary>
    CRY,
    /// <summary>Controlled RZ(t): [control, target].</summary>
    CRZ,
}
