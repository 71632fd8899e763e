using QGan.MLNet.Shared;

namespace QGan.MLNet.Experiments.Analysis;

/// <summary>SplitMix64 (Steele, Lea and Flood 2014): a tiny, fully specified generator, so bootstrap intervals are reproducible across runtimes.</summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64() => Xoshiro256Core.SplitMix64(ref _state);

    /// <summary>Uniform integer in [0, <paramref name="count"/>) (53-bit multiply; bias below 2^-40 for the counts used here).</summary>
    public int NextInt(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return (int)((NextUInt64() >> 11) * (double)count / (1UL << 53));
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal deviate (Box-Muller; one of the pair, so every draw costs two uniforms).</summary>
    public double NextGaussian()
    {
        double u1 = 1 - NextDouble(); // (0, 1]: the logarithm stays finite
        double u2 = NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
