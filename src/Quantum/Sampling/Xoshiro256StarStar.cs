using QGan.MLNet.Shared;

namespace QGan.MLNet.Quantum.Sampling;

/// <summary>
/// xoshiro256** (<see cref="Xoshiro256Core"/>) with the draws shot sampling and trajectories need: uniform and
/// Gaussian doubles and independent sub-streams. Its output depends only on its seed, on every machine and runtime.
/// </summary>
public sealed class Xoshiro256StarStar
{
    private Xoshiro256Core _core;

    /// <summary>Starts from the raw 256-bit state (must not be all zero); used to check the published reference outputs.</summary>
    internal Xoshiro256StarStar(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("the xoshiro256** state must not be all zero");
        }
        _core = new Xoshiro256Core(s0, s1, s2, s3);
    }

    /// <summary>A generator seeded through SplitMix64 from <paramref name="seed"/>.</summary>
    public Xoshiro256StarStar(ulong seed) => _core = Xoshiro256Core.Seeded(seed);

    /// <summary>
    /// An independent generator for sub-stream <paramref name="stream"/> of <paramref name="seed"/> (one per
    /// trajectory or per circuit run), so results do not depend on how work is split across threads.
    /// The stream seed mixes seed and index through two SplitMix64 rounds, which decorrelates neighbouring
    /// indices.
    /// </summary>
    public static Xoshiro256StarStar ForStream(ulong seed, ulong stream)
    {
        ulong sm = seed;
        ulong a = Xoshiro256Core.SplitMix64(ref sm);
        ulong sm2 = a ^ (stream * 0xD1B54A32D192ED03UL + 0x8CB92BA72F3D8DD7UL);
        return new Xoshiro256StarStar(Xoshiro256Core.SplitMix64(ref sm2));
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64() => _core.Next();

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform double in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double NextDouble(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>
    /// Standard normal N(0, 1) by the Marsaglia polar method (uses only <see cref="Math.Log(double)"/> and
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
}
