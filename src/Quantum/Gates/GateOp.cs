namespace QGan.MLNet.Quantum.Gates;

/// <summary>
/// One gate application. Single-qubit gates use <see cref="Target"/> only (<see cref="Control"/> = -1);
/// controlled gates act with the 2x2 matrix of their base gate on <see cref="Target"/> when <see cref="Control"/> is 1.
/// Rotations use <see cref="Theta"/>; <see cref="GateKind.U"/> uses Theta, Phi, Lambda.
/// </summary>
public readonly record struct GateOp(GateKind Kind, int Target, int Control = -1, double Theta = 0, double Phi = 0, double Lambda = 0)
{
    public bool IsControlled => Kind is GateKind.CX or GateKind.CZ or GateKind.CRY or GateKind.CRZ;

    /// <summary>Number of angle parameters (0 for fixed gates, 1 for rotations, 3 for U).</summary>
    public int ParameterCount => Kind switch
    {
        GateKind.RX or GateKind.RY or GateKind.RZ or GateKind.CRY or GateKind.CRZ => 1,
        GateKind.U => 3,
        _ => 0,
    };

    public static GateOp Rx(int q, double t) => new(GateKind.RX, q, Theta: t);
    public static GateOp Ry(int q, double t) => new(GateKind.RY, q, Theta: t);
    public static GateOp Rz(int q, double t) => new(GateKind.RZ, q, Theta: t);
    public static GateOp H(int q) => new(GateKind.H, q);
    public static GateOp X(int q) => new(GateKind.X, q);
    public static GateOp Y(int q) => new(GateKind.Y, q);
    public static GateOp Z(int q) => new(GateKind.Z, q);
    public static GateOp U(int q, double theta, double phi, double lambda) => new(GateKind.U, q, -1, theta, phi, lambda);
    public static GateOp Cx(int control, int target) => new(GateKind.CX, target, control);
    public static GateOp Cz(int control, int target) => new(GateKind.CZ, target, control);
    public static GateOp Cry(int control, int target, double t) => new(GateKind.CRY, target, control, t);
    public static GateOp Crz(int control, int target, double t) => new(GateKind.CRZ, target, control, t);

    /// <summary>Lower-case OpenQASM name (rx, cry, u, ...).</summary>
    public string QasmName => Kind.ToString().ToLowerInvariant();
}
