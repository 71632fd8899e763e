using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Gates;

namespace QGan.MLNet.Quantum.Noise;

/// <summary>
/// The gates a device actually runs, for noisy simulation: hardware has no controlled rotation, so a transpiler turns
/// <c>CRY(theta)</c> on (c, t) into <c>RY(theta/2)</c> on t, <c>CX(c, t)</c>, <c>RY(-theta/2)</c> on t, <c>CX(c, t)</c>
/// (and <c>CRZ</c> likewise with RZ). The noisy simulators run this sequence, so every controlled rotation costs two
/// two-qubit gates (their depolarizing error and duration) and two single-qubit gates of noise, as on a device,
/// instead of being noised as one two-qubit gate. Without noise the sequence is exactly the controlled rotation:
/// with the control at 0 the two rotations cancel; at 1, <c>X RY(-theta/2) X = RY(theta/2)</c> makes them add.
/// </summary>
public static class NativeGates
{
    /// <summary>True for gates a device runs as they are (everything but the controlled rotations).</summary>
    public static bool IsNative(in GateOp op) => op.Kind is not (GateKind.CRY or GateKind.CRZ);

    /// <summary>The native sequence of one gate (the gate itself when it is native).</summary>
    public static IEnumerable<GateOp> Of(GateOp op)
    {
        switch (op.Kind)
        {
            case GateKind.CRY:
                yield return GateOp.Ry(op.Target, op.Theta / 2);
                yield return GateOp.Cx(op.Control, op.Target);
                yield return GateOp.Ry(op.Target, -op.Theta / 2);
                yield return GateOp.Cx(op.Control, op.Target);
                break;
            case GateKind.CRZ:
                yield return GateOp.Rz(op.Target, op.Theta / 2);
                yield return GateOp.Cx(op.Control, op.Target);
                yield return GateOp.Rz(op.Target, -op.Theta / 2);
                yield return GateOp.Cx(op.Control, op.Target);
                break;
            default:
                yield return op;
                break;
        }
    }

    /// <summary>The circuit with every controlled rotation replaced by its native sequence (the same circuit when all gates are native).</summary>
    public static Circuit Expand(Circuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        if (circuit.Gates.All(g => IsNative(g)))
        {
            return circuit;
        }
        return new Circuit(circuit.QubitCount).AddRange(circuit.Gates.SelectMany(Of));
    }
}
