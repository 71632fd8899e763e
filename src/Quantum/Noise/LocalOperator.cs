using System.Numerics;

namespace QGan.MLNet.Quantum.Noise;

/// <summary>
/// Applies a 2^k x 2^k matrix to k chosen bits of a 2^m complex vector (bit j of the local index = bit
/// <c>bits[j]</c> of the global index). Used for two-qubit Kraus operators and density-matrix superoperators.
/// </summary>
internal static class LocalOperator
{
    public static void Apply(Span<Complex> vector, ReadOnlySpan<int> bits, ReadOnlySpan<Complex> rowMajor, Complex scale)
    {
        int k = bits.Length;
        int dim = 1 << k;
        if (rowMajor.Length != dim * dim)
        {
            throw new ArgumentException($"a matrix on {k} bits needs {dim * dim} entries, got {rowMajor.Length}", nameof(rowMajor));
        }
        int mask = 0;
        Span<int> offsets = stackalloc int[dim];
        for (int j = 0; j < k; j++)
        {
            if ((uint)bits[j] >= 31 || (1L << bits[j]) >= vector.Length || (mask & (1 << bits[j])) != 0)
            {
                throw new ArgumentException($"bit {bits[j]} is out of range or repeated", nameof(bits));
            }
            mask |= 1 << bits[j];
        }
        for (int local = 0; local < dim; local++)
        {
            int o = 0;
            for (int j = 0; j < k; j++)
            {
                if (((local >> j) & 1) != 0)
                {
                    o |= 1 << bits[j];
                }
            }
            offsets[local] = o;
        }
        Span<Complex> gathered = stackalloc Complex[dim];
        for (int i = 0; i < vector.Length; i++)
        {
            if ((i & mask) != 0)
            {
                continue;
            }
            for (int l = 0; l < dim; l++)
            {
                gathered[l] = vector[i + offsets[l]];
            }
            for (int r = 0; r < dim; r++)
            {
                Complex s = Complex.Zero;
                var row = rowMajor.Slice(r * dim, dim);
                for (int c = 0; c < dim; c++)
                {
                    s += row[c] * gathered[c];
                }
                vector[i + offsets[r]] = scale * s;
            }
        }
    }
}
