using System.Numerics;
using QGan.MLNet.Quantum.Gates;

namespace QGan.MLNet.Quantum.Noise;

/// <summary>
/// A 4x4 complex matrix acting on an ordered qubit pair (a, b). The local basis index is bit(a) + 2 bit(b),
/// i.e. the first qubit is the less significant one, as in the global qubit order. Entries are row-major.
/// </summary>
public sealed class Matrix4
{
    private readonly Complex[] _m;

    /// <summary>A matrix from 16 row-major entries (index 2 a + b for the qubit pair (a, b) of a two-qubit gate).</summary>
    public Matrix4(ReadOnlySpan<Complex> rowMajor)
    {
        if (rowMajor.Length != 16)
        {
            throw new ArgumentException($"a 4x4 matrix needs 16 entries, got {rowMajor.Length}", nameof(rowMajor));
        }
        _m = rowMajor.ToArray();
    }

    private Matrix4(Complex[] owned) => _m = owned;

    /// <summary>Entry [row, column].</summary>
    public Complex this[int row, int column] => _m[4 * row + column];

    /// <summary>Row-major entries.</summary>
    public ReadOnlySpan<Complex> Entries => _m;

    /// <summary>The 4x4 identity.</summary>
    public static Matrix4 Identity => Kron(Matrix2.Identity, Matrix2.Identity);

    /// <summary>
    /// <paramref name="onSecond"/> ⊗ <paramref name="onFirst"/>: <paramref name="onFirst"/> acts on qubit a (the less
    /// significant local bit), <paramref name="onSecond"/> on qubit b.
    /// </summary>
    public static Matrix4 Kron(in Matrix2 onFirst, in Matrix2 onSecond)
    {
        var m = new Complex[16];
        for (int r = 0; r < 4; r++)
        {
            for (int c = 0; c < 4; c++)
            {
                m[4 * r + c] = Entry(onSecond, r >> 1, c >> 1) * Entry(onFirst, r & 1, c & 1);
            }
        }
        return new Matrix4(m);
    }

    /// <summary>The controlled gate with control = local qubit a, target = local qubit b.</summary>
    public static Matrix4 Controlled(in Matrix2 onTarget)
    {
        var m = new Complex[16];
        for (int r = 0; r < 4; r++)
        {
            for (int c = 0; c < 4; c++)
            {
                int rc = r & 1, cc = c & 1;
                if (rc != cc)
                {
                    continue;
                }
                m[4 * r + c] = rc == 0 ? (r == c ? Complex.One : Complex.Zero) : Entry(onTarget, r >> 1, c >> 1);
            }
        }
        return new Matrix4(m);
    }

    /// <summary>Matrix product.</summary>
    public static Matrix4 operator *(Matrix4 x, Matrix4 y)
    {
        var m = new Complex[16];
        for (int r = 0; r < 4; r++)
        {
            for (int c = 0; c < 4; c++)
            {
                Complex s = 0;
                for (int k = 0; k < 4; k++)
                {
                    s += x._m[4 * r + k] * y._m[4 * k + c];
                }
                m[4 * r + c] = s;
            }
        }
        return new Matrix4(m);
    }

    /// <summary>Scalar multiple.</summary>
    public static Matrix4 operator *(Complex scale, Matrix4 x)
    {
        var m = new Complex[16];
        for (int i = 0; i < 16; i++)
        {
            m[i] = scale * x._m[i];
        }
        return new Matrix4(m);
    }

    /// <summary>Conjugate transpose.</summary>
    public Matrix4 Adjoint()
    {
        var m = new Complex[16];
        for (int r = 0; r < 4; r++)
        {
            for (int c = 0; c < 4; c++)
            {
                m[4 * r + c] = Complex.Conjugate(_m[4 * c + r]);
            }
        }
        return new Matrix4(m);
    }

    internal static Complex Entry(in Matrix2 m, int r, int c) => (r, c) switch
    {
        (0, 0) => m.M00,
        (0, 1) => m.M01,
        (1, 0) => m.M10,
        _ => m.M11,
    };
}
