using System.Runtime.CompilerServices;

namespace QGan.MLNet.Quantum.Kernels;

/// <summary>Index arithmetic for enumerating amplitude pairs without branching on every basis index.</summary>
internal static class PairIndex
{
    /// <summary>Inserts a 0 bit at position <paramref name="bit"/> of <paramref name="k"/> (bits above shift up by one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int InsertZero(int k, int bit)
    {
        int low = k & ((1 << bit) - 1);
        return ((k - low) << 1) | low;
    }

    /// <summary>Inserts 0 bits at two distinct positions (<paramref name="lo"/> &lt; <paramref name="hi"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int InsertTwoZeros(int k, int lo, int hi) => InsertZero(InsertZero(k, lo), hi);
}
