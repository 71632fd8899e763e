namespace QGan.MLNet.Quantum.Sampling;

/// <summary>
/// xoshiro256** (Blackman &amp; Vigna 2018): a small, fast, statistically strong 64-bit PRNG whose output
/// depends only on its seed, so shot sampling and trajectories are reproducible on every machine and runtime
/// (unlike <see cref="Random"/>, whose algorithm is not a stable contract). The 256-bit state is filled from the
/// seed with SplitMix64, as the authors recommend.
/// </summary>
public sealed class Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Starts from the raw 256-bit state (must not be all zero); used to check the published reference outputs.</summary>
    internal Xoshiro256StarStar(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("the xoshiro256** state must not be all zero");
        }
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    public Xoshiro256StarStar(ulong seed)
    {
        ulong sm = seed;
        _s0 = SplitMix64(ref sm);
        _s1 = SplitMix64(ref sm);
        _s2 = SplitMix64(ref sm);
        _s3 = SplitMix64(ref sm);
    }

    /// <summary>
    /// An independent generator for sub-stream <paramref name="stream"/> of <paramref name="seed"/> (one per
    /// trajectory or per circuit run), so results do not depend on how work is split across threads.
    /// The stream seed mixes seed and index through two SplitMix64 rounds, which decorrelates neighbouring
    /// indices.
    /// </summary>
    public static Xoshiro256StarStar ForStream(ulong seed, ulong stream)
    {
        ulong sm = seed;
        ulong a = SplitMix64(ref sm);
        ulong sm2 = a ^ (stream * 0xD1B54A32D192ED03UL + 0x8CB92BA72F3D8DD7UL);
        return new Xoshiro256StarStar(SplitMix64(ref sm2));
    }

    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform double in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double NextDouble(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>
    /// Standard normal N(0, 1) by the Marsaglia polar method (uses only <see cref="Math.Log"/> and
    /// <see cref="Math.Sqrt"/>); one value per call, the second value of each pair is discarded so every
    /// draw consumes a whole number of accepted pairs and the sequence is easy to document.
    /// </summary>
    public double NextGaussian()
    {
        while (true)
        {
            double u = 2 * NextDouble() - 1;
            double v = 2 * NextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1)
            {
                return u * Math.Sqrt(-2 * Math.Log(s) / s);
            }
        }
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
