using QGan.MLNet.Shared;

namespace QGan.MLNet.Transforms.Data.Synthetic;

/// <summary>
/// xoshiro256** (<see cref="Xoshiro256Core"/>) with the draws the synthetic data set needs: uniform floats and
/// unbiased integers, and one independent stream per item. Integer arithmetic only, so a seed gives the same patches
/// on every runtime and machine.
/// </summary>
public struct Xoshiro256StarStar
{
    private Xoshiro256Core _core;

    /// <summary>A generator seeded through SplitMix64 from <paramref name="seed"/>.</summary>
    public Xoshiro256StarStar(ulong seed) => _core = Xoshiro256Core.Seeded(seed);

    /// <summary>An independent stream for item <paramref name="index"/> of the stream family <paramref name="seed"/>.</summary>
    public static Xoshiro256StarStar ForItem(ulong seed, ulong index)
    {
        var sm = seed;
        var mixed = SplitMix64(ref sm) ^ (index * 0xD1B54A32D192ED03UL);
        return new Xoshiro256StarStar(mixed);
    }

    /// <summary>One SplitMix64 step (the seeding function): advances <paramref name="state"/> and returns its mix.</summary>
    public static ulong SplitMix64(ref ulong state) => Xoshiro256Core.SplitMix64(ref state);

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64() => _core.Next();

    /// <summary>Uniform in [0, 1) with 24 random bits (exact in float).</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>Uniform in [-1, 1).</summary>
    public float NextSigned() => NextFloat() * 2f - 1f;

    /// <summary>Uniform integer in [0, n) (n &gt; 0), by rejection so it is exactly uniform.</summary>
    public int NextInt(int n)
    {
        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n));
        }
        var bound = (ulong)n;
        var limit = ulong.MaxValue - ulong.MaxValue % bound;
        ulong x;
        do
        {
            x = NextUInt64();
        }
        while (x >= limit);
        return (int)(x % bound);
    }

    /// <summary>Uniform integer in [min, max].</summary>
    public int NextInt(int min, int max) => min + NextInt(max - min + 1);
}
