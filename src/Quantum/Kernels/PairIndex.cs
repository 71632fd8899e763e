using System.Runtime.CompilerServices;

namespace QGan.MLNet.Quantum.Kernels;

/// <summary>Index arithmetic for enumerating amplitude pairs without branching on every basis index.</summary>
internal static class PairIndex
{
    /// <summary>Inserts a 0 bit at position <paramref name="bit"/> of <paramref name="k"/> (bits above shift up by one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int InsertZero(int k, int bit) => InsertZeroBelowMask(k, (1 << bit) - 1);

    /// <summary><see cref="InsertZero"/> with the mask of the bits below the insertion point precomputed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int InsertZeroBelowMask(int k, int lowMask)
    {
        int low = k & lowMask;
        return ((k - low) << 1) | low;
    }

    /// <summary>Inserts 0 bits at two distinct positions (<paramref name="lo"/> &lt; <paramref name="hi"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int InsertTwoZeros(int k, int lo, int hi) => InsertZero(InsertZero(k, lo), hi);
}

/// <summary>
/// The vectors a kernel visits, as a loop k = 0, 4, 8, .. &lt; <see cref="Count"/> mapped to a base index with two
/// bit insertions and a fixed set bit; all masks are precomputed so the loop body is a few branch-free integer ops.
/// A position of 31 means "no insertion" (its mask covers every index).
/// </summary>
internal readonly struct PairWalk
{
    private const int NoBit = 31;
    private readonly int _loMask, _hiMask, _set;

    // Inlined everywhere: a call here would keep the kernels' vector accumulators and matrix constants in stack
    // slots (x64 has no callee-saved vector registers), adding a store/load round trip to every loop iteration.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private PairWalk(int lo, int hi, int set, int count)
    {
        _loMask = lo == NoBit ? int.MaxValue : (1 << lo) - 1;
        _hiMask = hi == NoBit ? int.MaxValue : (1 << hi) - 1;
        _set = set;
        Count = count;
    }

    public int Count { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Index(int k) => PairIndex.InsertZeroBelowMask(PairIndex.InsertZeroBelowMask(k, _loMask), _hiMask) | _set;

    /// <summary>
    /// Target &gt;= 2: the first vector of each group of 4 pairs (target bit 0). A control &gt;= 2 restricts the walk
    /// to control = 1; a control &lt; 2 is left to lane masks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PairWalk CrossLane(int n, int target, int control) => control >= 2
        ? new PairWalk(Math.Min(target, control), Math.Max(target, control), 1 << control, 1 << (n - 2))
        : new PairWalk(target, NoBit, 0, 1 << (n - 1));

    /// <summary>
    /// Two qubits <paramref name="lo"/> &lt; <paramref name="hi"/> (both &gt;= 3): the first vector of each group of
    /// four amplitudes that differ only in those two bits (both bits 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PairWalk Group(int n, int lo, int hi) => new(lo, hi, 0, 1 << (n - 2));

    /// <summary>Target 0 or 1: every vector, or those whose control bit (&gt;= 2) is 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PairWalk InLane(int n, int control) => control >= 2
        ? new PairWalk(control, NoBit, 1 << control, 1 << (n - 1))
        : new PairWalk(NoBit, NoBit, 0, 1 << n);
}
