using System.Numerics;
using QGan.MLNet.Quantum.Gates;

namespace QGan.MLNet.Quantum.Noise;

/// <summary>The single-qubit Pauli matrices I, X, Y, Z (index 0..3).</summary>
internal static class Paulis
{
    public static readonly Matrix2 I = Matrix2.Identity;
    public static readonly Matrix2 X = new(0, 1, 1, 0);
    public static readonly Matrix2 Y = new(0, -Complex.ImaginaryOne, Complex.ImaginaryOne, 0);
    public static readonly Matrix2 Z = new(1, 0, 0, -1);

    public static readonly Matrix2[] All = [I, X, Y, Z];
}
