namespace QGan.MLNet.Core.Randomness;

/// <summary>
/// The project's one reproducible random stream: xoshiro256** (Blackman &amp; Vigna 2018), seeded by SplitMix64
/// (Steele, Lea &amp; Flood 2014), with exactly one algorithm per kind of draw. Shot sampling and trajectories, the
/// synthetic data set, parameter draws, the GAN trainer's batches and noise, the autoencoder's and feature network's
/// splits and shuffles, and the sweep bootstraps all draw from it.
/// <para>
/// Own code rather than <see cref="System.Random"/>, whose algorithm is not a stable contract: a seed gives the same
/// stream on every machine and runtime, and the whole state is four 64-bit words (<see cref="GetState"/>), so a
/// checkpoint can store it and a resumed run draws exactly what an uninterrupted one would have drawn.
/// </para>
/// <para>
/// The draws (each consumes whole 64-bit outputs <c>x</c>, in the order stated):
/// <list type="bullet">
/// <item><see cref="NextDouble()"/>: <c>(x &gt;&gt; 11) * 2^-53</c>, uniform on [0, 1) with 53 random bits (one output).</item>
/// <item><see cref="NextFloat"/>: <c>(x &gt;&gt; 40) * 2^-24</c>, uniform on [0, 1) with 24 random bits, exact in float, never 1 (one output).</item>
/// <item><see cref="NextInt(int)"/>: exactly uniform on [0, n) by rejection: outputs at or above the largest multiple of n
/// below 2^64 are drawn again (probability below n / 2^64), then <c>x mod n</c>.</item>
/// <item><see cref="FillNormal(Span{double})"/>: standard normals by the Box-Muller transform, pairs from two uniform
/// doubles (u1 = 1 - <see cref="NextDouble()"/> in (0, 1], u2 = <see cref="NextDouble()"/>): r cos(2 pi u2), then
/// r sin(2 pi u2) with r = sqrt(-2 ln u1); an odd count drops the last sine.</item>
/// <item><see cref="Shuffle{T}(Span{T})"/>: Fisher-Yates from the end: for i = n-1 down to 1, swap i with
/// <see cref="NextInt(int)"/>(i + 1).</item>
/// </list>
/// Independent streams (one per trajectory, per synthetic patch, per circuit run) come from
/// <see cref="ForStream"/>, so results do not depend on how work is split across threads. Not thread-safe: give
/// each thread its own instance.
/// </para>
/// </summary>
public sealed class SeededRandom
{
    private const ulong StreamMultiplier = 0xD1B54A32D192ED03UL;

    private ulong _s0, _s1, _s2, _s3;

    /// <summary>The stream of <paramref name="seed"/>: the state is four SplitMix64 outputs from the seed, as the xoshiro authors recommend.</summary>
    public SeededRandom(ulong seed)
    {
        ulong sm = seed;
        _s0 = SplitMix64(ref sm);
        _s1 = SplitMix64(ref sm);
        _s2 = SplitMix64(ref sm);
        _s3 = SplitMix64(ref sm);
    }

    private SeededRandom(ulong s0, ulong s1, ulong s2, ulong s3) => (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);

    /// <summary>
    /// Sub-stream <paramref name="stream"/> of the family <paramref name="seed"/>: the stream seeded with
    /// <c>SplitMix64(seed) XOR stream * 0xD1B54A32D192ED03</c> (an odd constant with well-spread bits), whose
    /// own SplitMix64 seeding then decorrelates neighbouring indices.
    /// </summary>
    public static SeededRandom ForStream(ulong seed, ulong stream)
    {
        ulong sm = seed;
        return new SeededRandom(SplitMix64(ref sm) ^ (stream * StreamMultiplier));
    }

    /// <summary>Continues from a state returned by <see cref="GetState"/> (four words, not all zero).</summary>
    public static SeededRandom FromState(ReadOnlySpan<ulong> state)
    {
        if (state.Length != 4)
        {
            throw new ArgumentException($"a random stream state has 4 words, got {state.Length}", nameof(state));
        }
        if ((state[0] | state[1] | state[2] | state[3]) == 0)
        {
            throw new ArgumentException("a random stream state must not be all zero (not a valid xoshiro256** state)", nameof(state));
        }
        return new SeededRandom(state[0], state[1], state[2], state[3]);
    }

    /// <summary>The four state words (for checkpoints; <see cref="FromState"/> continues from them).</summary>
    public ulong[] GetState() => [_s0, _s1, _s2, _s3];

    /// <summary>One SplitMix64 step: advances <paramref name="state"/> and returns its output (also a good 64-bit mixer).</summary>
    public static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64-bit output of xoshiro256**.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on [<paramref name="low"/>, <paramref name="high"/>): <c>low + (high - low) * NextDouble()</c>.</summary>
    public double NextDouble(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>Uniform on [0, 1) with 24 random bits (exact in float; never rounds up to 1).</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>Exactly uniform integer in [0, <paramref name="count"/>) (see the class summary for the algorithm).</summary>
    public int NextInt(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return (int)NextBelow((ulong)count);
    }

    /// <summary>Exactly uniform integer in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int minInclusive, int maxExclusive)
    {
        if (maxExclusive <= minInclusive)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, $"must exceed minInclusive ({minInclusive})");
        }
        return (int)(minInclusive + (long)NextBelow((ulong)((long)maxExclusive - minInclusive)));
    }

    /// <summary>Fills <paramref name="destination"/> with standard normal values (Box-Muller pairs).</summary>
    public void FillNormal(Span<double> destination)
    {
        int i = 0;
        while (i < destination.Length)
        {
            var (c, s) = NextNormalPair();
            destination[i++] = c;
            if (i < destination.Length)
            {
                destination[i++] = s;
            }
        }
    }

    /// <summary>Fills <paramref name="destination"/> with standard normal values: the double pairs of <see cref="FillNormal(Span{double})"/>, rounded to float.</summary>
    public void FillNormal(Span<float> destination)
    {
        int i = 0;
        while (i < destination.Length)
        {
            var (c, s) = NextNormalPair();
            destination[i++] = (float)c;
            if (i < destination.Length)
            {
                destination[i++] = (float)s;
            }
        }
    }

    /// <summary>Fills <paramref name="destination"/> with <see cref="NextFloat"/> values.</summary>
    public void FillUniform(Span<float> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = NextFloat();
        }
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher-Yates from the end; every permutation equally likely).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private ulong NextBelow(ulong bound)
    {
        ulong limit = ulong.MaxValue - ulong.MaxValue % bound;
        ulong x;
        do
        {
            x = NextUInt64();
        }
        while (x >= limit);
        return x % bound;
    }

    private (double Cos, double Sin) NextNormalPair()
    {
        double u1 = 1.0 - NextDouble(); // (0, 1]: the log is finite
        double u2 = NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        var (sin, cos) = Math.SinCos(2 * Math.PI * u2);
        return (r * cos, r * sin);
    }
}
