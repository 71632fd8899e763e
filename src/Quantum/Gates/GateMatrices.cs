using System.Numerics;

namespace QGan.MLNet.Quantum.Gates;

/// <summary>
/// Textbook 2x2 matrices of the gate set. For controlled gates this is the matrix applied to the target
/// when the control is |1&gt; (CX -&gt; X, CZ -&gt; Z, CRY -&gt; RY, CRZ -&gt; RZ).
/// </summary>
public static class GateMatrices
{
    private static readonly double InvSqrt2 = 1.0 / Math.Sqrt(2.0);

    /// <summary>The 2x2 matrix of a single-qubit gate, or of the target part of a controlled gate.</summary>
    public static Matrix2 Of(in GateOp op) => op.Kind switch
    {
        GateKind.RX => Rx(op.Theta),
        GateKind.RY or GateKind.CRY => Ry(op.Theta),
        GateKind.RZ or GateKind.CRZ => Rz(op.Theta),
        GateKind.H => new Matrix2(InvSqrt2, InvSqrt2, InvSqrt2, -InvSqrt2),
        GateKind.X or GateKind.CX => new Matrix2(0, 1, 1, 0),
        GateKind.Y => new Matrix2(0, -Complex.ImaginaryOne, Complex.ImaginaryOne, 0),
        GateKind.Z or GateKind.CZ => new Matrix2(1, 0, 0, -1),
        GateKind.U => U(op.Theta, op.Phi, op.Lambda),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op.Kind, "unknown gate kind"),
    };

    /// <summary>RX(t) = exp(-i t X/2) = [[cos t/2, -i sin t/2], [-i sin t/2, cos t/2]].</summary>
    public static Matrix2 Rx(double t)
    {
        var (s, c) = Math.SinCos(t / 2);
        return new Matrix2(c, new Complex(0, -s), new Complex(0, -s), c);
    }

    /// <summary>RY(t) = exp(-i t Y/2) = [[cos t/2, -sin t/2], [sin t/2, cos t/2]].</summary>
    public static Matrix2 Ry(double t)
    {
        var (s, c) = Math.SinCos(t / 2);
        return new Matrix2(c, -s, s, c);
    }

    /// <summary>RZ(t) = exp(-i t Z/2) = diag(e^{-i t/2}, e^{i t/2}).</summary>
    public static Matrix2 Rz(double t) =>
        new(Complex.FromPolarCoordinates(1, -t / 2), 0, 0, Complex.FromPolarCoordinates(1, t / 2));

    /// <summary>U(θ,φ,λ) = [[cos θ/2, -e^{iλ} sin θ/2], [e^{iφ} sin θ/2, e^{i(φ+λ)} cos θ/2]] (OpenQASM 3).</summary>
    public static Matrix2 U(double theta, double phi, double lambda)
    {
        var (s, c) = Math.SinCos(theta / 2);
        return new Matrix2(
            c,
            -Complex.FromPolarCoordinates(s, lambda),
            Complex.FromPolarCoordinates(s, phi),
            Complex.FromPolarCoordinates(c, phi + lambda));
    }
}
