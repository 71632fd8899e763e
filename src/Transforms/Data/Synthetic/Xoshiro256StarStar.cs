namespace QGan.MLNet.Transforms.Data.Synthetic;

/// <summary>
/// xoshiro256** (Blackman &amp; Vigna), seeded through SplitMix64. Own implementation so a seed gives the same stream
/// on every runtime and machine (System.Random's algorithm is not part of its contract). Integer-only.
/// </summary>
public struct Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro256StarStar(ulong seed)
    {
        var sm = seed;
        _s0 = SplitMix64(ref sm);
        _s1 = SplitMix64(ref sm);
        _s2 = SplitMix64(ref sm);
        _s3 = SplitMix64(ref sm);
    }

    /// <summary>An independent stream for item <paramref name="index"/> of the stream family <paramref name="seed"/>.</summary>
    public static Xoshiro256StarStar ForItem(ulong seed, ulong index)
    {
        var sm = seed;
        var mixed = SplitMix64(ref sm) ^ (index * 0xD1B54A32D192ED03UL);
        return new Xoshiro256StarStar(mixed);
    }

    public static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

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
