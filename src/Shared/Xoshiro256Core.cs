namespace QGan.MLNet.Shared;

/// <summary>
/// xoshiro256** (Blackman &amp; Vigna 2018) and the SplitMix64 step (Steele, Lea &amp; Flood 2014) that seeds it: the
/// one implementation behind every reproducible random stream of the project (shot sampling and trajectories, the
/// synthetic data set, the GAN trainer's sampling, sweep bootstraps, epoch shuffles). Own code rather than
/// <see cref="System.Random"/>, whose algorithm is not a stable contract, so a seed gives the same stream on every
/// machine and runtime. Compiled into each assembly that needs it as a linked internal source file, so the
/// assemblies stay independent of each other; each wraps it with the draws it needs.
/// </summary>
internal struct Xoshiro256Core
{
    /// <summary>The 256-bit state (never all zero).</summary>
    public ulong S0, S1, S2, S3;

    public Xoshiro256Core(ulong s0, ulong s1, ulong s2, ulong s3) => (S0, S1, S2, S3) = (s0, s1, s2, s3);

    /// <summary>The state filled from <paramref name="seed"/> by four SplitMix64 steps, as the authors recommend.</summary>
    public static Xoshiro256Core Seeded(ulong seed)
    {
        ulong sm = seed;
        ulong s0 = SplitMix64(ref sm);
        ulong s1 = SplitMix64(ref sm);
        ulong s2 = SplitMix64(ref sm);
        return new Xoshiro256Core(s0, s1, s2, SplitMix64(ref sm));
    }

    /// <summary>Advances the SplitMix64 <paramref name="state"/> by one step and returns its output.</summary>
    public static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64-bit output.</summary>
    public ulong Next()
    {
        ulong result = ulong.RotateLeft(S1 * 5, 7) * 9;
        ulong t = S1 << 17;
        S2 ^= S0;
        S3 ^= S1;
        S1 ^= S2;
        S0 ^= S3;
        S2 ^= t;
        S3 = ulong.RotateLeft(S3, 45);
        return result;
    }
}
