namespace QGan.MLNet.Quantum.Gates;

/// <summary>
/// One gate application. Single-qubit gates use <see cref="Target"/> only (<see cref="Control"/> = -1);
/// controlled gates act with the 2x2 matrix of their base gate on <see cref="Target"/> when <see cref="Control"/> is 1.
/// Rotations use <see cref="Theta"/>; <see cref="GateKind.U"/> uses Theta, Phi, Lambda.
/// </summary>
public readonly record struct GateOp(GateKind Kind, int Target, int Control = -1, double Theta = 0, double Phi = 0, double Lambda = 0)
{
    /// <summary>True for the two-qubit gates (CX, CZ, CRY, CRZ).</summary>
    public bool IsControlled => Kind is GateKind.CX or GateKind.CZ or GateKind.CRY or GateKind.CRZ;

    /// <summary>Number of angle parameters (0 for fixed gates, 1 for rotations, 3 for U).</summary>
    public int ParameterCount => Kind switch
    {
        GateKind.RX or GateKind.RY or GateKind.RZ or GateKind.CRY or GateKind.CRZ => 1,
        GateKind.U => 3,
        _ => 0,
    };

    /// <summary>RX(theta) = exp(-i theta X / 2).</summary>
    public static GateOp Rx(int q, double t) => new(GateKind.RX, q, Theta: t);
    /// <summary>RY(theta) = exp(-i theta Y / 2).</summary>
    public static GateOp Ry(int q, double t) => new(GateKind.RY, q, Theta: t);
    /// <summary>RZ(theta) = exp(-i theta Z / 2).</summary>
    public static GateOp Rz(int q, double t) => new(GateKind.RZ, q, Theta: t);
    /// <summary>Hadamard on qubit <paramref name="q"/>.</summary>
    public static GateOp H(int q) => new(GateKind.H, q);
    /// <summary>Pauli X on qubit <paramref name="q"/>.</summary>
    public static GateOp X(int q) => new(GateKind.X, q);
    /// <summary>Pauli Y on qubit <paramref name="q"/>.</summary>
    public static GateOp Y(int q) => new(GateKind.Y, q);
    /// <summary>Pauli Z on qubit <paramref name="q"/>.</summary>
    public static GateOp Z(int q) => new(GateKind.Z, q);
    /// <summary>U(theta, phi, lambda) as in OpenQASM 3.</summary>
    public static GateOp U(int q, double theta, double phi, double lambda) => new(GateKind.U, q, -1, theta, phi, lambda);
    /// <summary>CNOT: X on the target where the control is 1.</summary>
    public static GateOp Cx(int control, int target) => new(GateKind.CX, target, control);
    /// <summary>CZ: phase -1 where both qubits are 1.</summary>
    public static GateOp Cz(int control, int target) => new(GateKind.CZ, target, control);
    /// <summary>CRY(theta) with <paramref name="control"/> and <paramref name="target"/>: RY on the target where the control is 1.</summary>
    public static GateOp Cry(int control, int target, double t) => new(GateKind.CRY, target, control, t);
    /// <summary>CRZ(theta): RZ on the target where the control is 1.</summary>
    public static GateOp Crz(int control, int target, double t) => new(GateKind.CRZ, target, control, t);

    /// <summary>Lower-case OpenQASM name (rx, cry, u, ...).</summary>
    public string QasmName => Kind.ToString().ToLowerInvariant();
}
