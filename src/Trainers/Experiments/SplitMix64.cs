namespace QGan.MLNet.Trainers.Experiments;

/// <summary>SplitMix64 (Steele, Lea and Flood 2014): a tiny, fully specified generator, so bootstrap intervals are reproducible across runtimes.</summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, <paramref name="count"/>) (53-bit multiply; bias below 2^-40 for the counts used here).</summary>
    public int NextInt(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return (int)((NextUInt64() >> 11) * (double)count / (1UL << 53));
    }
}
