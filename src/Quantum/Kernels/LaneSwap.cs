using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace QGan.MLNet.Quantum.Kernels;

/// <summary>
/// Exchanges the two amplitudes of every pair inside one 4-lane vector, for a target qubit whose stride (1 or 2)
/// is smaller than the vector. Implemented as generic struct parameters so the JIT emits one specialised loop per
/// target with a constant permutation (a single vpermilpd / vpermpd).
/// </summary>
internal interface ILaneSwap
{
    /// <summary>The target qubit (0 or 1) whose pairs are swapped.</summary>
    static abstract int Target { get; }

    static abstract Vector256<double> Swap(Vector256<double> v);
}

/// <summary>Target qubit 0: lanes (0,1)(2,3).</summary>
internal readonly struct SwapQubit0 : ILaneSwap
{
    public static int Target => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Swap(Vector256<double> v) => Vector256.Shuffle(v, Vector256.Create(1L, 0L, 3L, 2L));
}

/// <summary>Target qubit 1: lanes (0,2)(1,3).</summary>
internal readonly struct SwapQubit1 : ILaneSwap
{
    public static int Target => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Swap(Vector256<double> v) => Vector256.Shuffle(v, Vector256.Create(2L, 3L, 0L, 1L));
}
