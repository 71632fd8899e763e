using QGan.MLNet.Shared;

namespace QGan.MLNet.Transforms.Sampling;

/// <summary>
/// The trainer's own sampling generator (xoshiro256**, <see cref="Xoshiro256Core"/>). Its whole state is four
/// 64-bit words, so a checkpoint can store it and a resumed run draws exactly the batches, noise and
/// interpolation factors an uninterrupted run would have drawn. Torch's global generator is only used for
/// parameter initialisation.
/// </summary>
public sealed class SamplingRng
{
    private Xoshiro256Core _core;

    /// <summary>A generator seeded through SplitMix64 from <paramref name="seed"/>.</summary>
    public SamplingRng(ulong seed) => _core = Xoshiro256Core.Seeded(seed);

    private SamplingRng(ulong s0, ulong s1, ulong s2, ulong s3) => _core = new Xoshiro256Core(s0, s1, s2, s3);

    /// <summary>The four state words (for checkpoints).</summary>
    public ulong[] GetState() => [_core.S0, _core.S1, _core.S2, _core.S3];

    /// <summary>A generator continuing from four saved state words (<see cref="GetState"/>).</summary>
    public static SamplingRng FromState(ReadOnlySpan<ulong> state)
    {
        if (state.Length != 4)
        {
            throw new ArgumentException($"sampling RNG state has {state.Length} words, expected 4", nameof(state));
        }
        if ((state[0] | state[1] | state[2] | state[3]) == 0)
        {
            throw new ArgumentException("sampling RNG state is all zero (not a valid xoshiro256** state)", nameof(state));
        }
        return new SamplingRng(state[0], state[1], state[2], state[3]);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64() => _core.Next();

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="count"/>) without modulo bias (Lemire's method).</summary>
    public int NextInt(int count)
    {
        if (count <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "count must be positive");
        }
        ulong bound = (ulong)count;
        ulong threshold = (0UL - bound) % bound;
        while (true)
        {
            ulong r = NextUInt64();
            UInt128 m = (UInt128)r * bound;
            if ((ulong)m >= threshold)
            {
                return (int)(m >> 64);
            }
        }
    }

    /// <summary>Standard normal by Box-Muller (both values of a pair are used, no cached spare, so the state stays four words).</summary>
    public void FillNormal(Span<float> destination)
    {
        int i = 0;
        while (i < destination.Length)
        {
            double u1 = 1.0 - NextDouble(); // (0, 1], log is finite
            double u2 = NextDouble();
            double r = Math.Sqrt(-2.0 * Math.Log(u1));
            var (s, c) = Math.SinCos(2 * Math.PI * u2);
            destination[i++] = (float)(r * c);
            if (i < destination.Length)
            {
                destination[i++] = (float)(r * s);
            }
        }
    }

    /// <summary>Fills <paramref name="destination"/> with uniform values in [0, 1).</summary>
    public void FillUniform(Span<float> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = (float)NextDouble();
        }
    }
}
