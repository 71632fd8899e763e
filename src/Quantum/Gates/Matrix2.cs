using System.Numerics;

namespace QGan.MLNet.Quantum.Gates;

/// <summary>A 2x2 complex matrix [[M00, M01], [M10, M11]] acting on one qubit (row = output basis state).</summary>
public readonly record struct Matrix2(Complex M00, Complex M01, Complex M10, Complex M11)
{
    /// <summary>The 2x2 identity.</summary>
    public static Matrix2 Identity => new(1, 0, 0, 1);

    /// <summary>Matrix product.</summary>
    public static Matrix2 operator *(Matrix2 a, Matrix2 b) => new(
        a.M00 * b.M00 + a.M01 * b.M10, a.M00 * b.M01 + a.M01 * b.M11,
        a.M10 * b.M00 + a.M11 * b.M10, a.M10 * b.M01 + a.M11 * b.M11);

    /// <summary>Conjugate transpose.</summary>
    public Matrix2 Adjoint() => new(
        Complex.Conjugate(M00), Complex.Conjugate(M10),
        Complex.Conjugate(M01), Complex.Conjugate(M11));
}
