using QGan.MLNet.Core.Randomness;

namespace QGan.MLNet.Core.Tests.Randomness;

public sealed class SeededRandomTests
{
    [Fact]
    public void Matches_the_reference_implementation_from_state_1_2_3_4()
    {
        // Outputs of the authors' C reference code (xoshiro256starstar.c) for s = {1, 2, 3, 4}.
        var rng = SeededRandom.FromState([1, 2, 3, 4]);
        ulong[] expected = [11520UL, 0UL, 1509978240UL, 1215971899390074240UL, 1216172134540287360UL];
        foreach (var e in expected)
        {
            Assert.Equal(e, rng.NextUInt64());
        }
    }

    [Fact]
    public void SplitMix64_matches_the_reference_outputs()
    {
        // splitmix64.c (Vigna) from x = 1234567: the first three outputs.
        ulong state = 1234567;
        Assert.Equal(6457827717110365317UL, SeededRandom.SplitMix64(ref state));
        Assert.Equal(3203168211198807973UL, SeededRandom.SplitMix64(ref state));
        Assert.Equal(9817491932198370423UL, SeededRandom.SplitMix64(ref state));
    }

    [Fact]
    public void Seeding_fills_the_state_with_four_SplitMix64_outputs()
    {
        ulong sm = 99;
        ulong[] state = [SeededRandom.SplitMix64(ref sm), SeededRandom.SplitMix64(ref sm), SeededRandom.SplitMix64(ref sm), SeededRandom.SplitMix64(ref sm)];
        Assert.Equal(state, new SeededRandom(99).GetState());
    }

    [Fact]
    public void State_round_trips_and_the_continued_stream_is_identical()
    {
        var a = new SeededRandom(7);
        for (var i = 0; i < 10; i++)
        {
            a.NextUInt64();
        }
        var b = SeededRandom.FromState(a.GetState());
        Assert.Equal(Enumerable.Range(0, 16).Select(_ => a.NextUInt64()), Enumerable.Range(0, 16).Select(_ => b.NextUInt64()));
    }

    [Fact]
    public void Invalid_states_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => SeededRandom.FromState([0, 0, 0, 0]));
        Assert.Throws<ArgumentException>(() => SeededRandom.FromState([1, 2, 3]));
    }

    [Fact]
    public void Same_seed_and_stream_repeat_and_different_streams_differ()
    {
        static ulong[] Draw(SeededRandom r) => Enumerable.Range(0, 8).Select(_ => r.NextUInt64()).ToArray();
        var sa = Draw(SeededRandom.ForStream(42, 7));
        Assert.Equal(sa, Draw(SeededRandom.ForStream(42, 7)));
        Assert.NotEqual(sa, Draw(SeededRandom.ForStream(42, 8)));
        Assert.NotEqual(sa, Draw(SeededRandom.ForStream(43, 7)));
        Assert.NotEqual(sa, Draw(new SeededRandom(42)));
    }

    [Fact]
    public void Sub_stream_seed_is_the_documented_mix()
    {
        ulong sm = 42;
        var mixed = SeededRandom.SplitMix64(ref sm) ^ unchecked(7UL * 0xD1B54A32D192ED03UL);
        Assert.Equal(new SeededRandom(mixed).GetState(), SeededRandom.ForStream(42, 7).GetState());
    }

    [Fact]
    public void Uniform_draws_are_the_documented_bit_conversions()
    {
        var a = new SeededRandom(5);
        var b = new SeededRandom(5);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal((a.NextUInt64() >> 11) * Math.ScaleB(1.0, -53), b.NextDouble());
            Assert.Equal((a.NextUInt64() >> 40) * MathF.ScaleB(1f, -24), b.NextFloat());
        }
    }

    [Fact]
    public void Uniform_draws_stay_in_range_and_have_the_right_mean()
    {
        const int n = 200_000;
        var rng = new SeededRandom(2026);
        double sumU = 0, minU = 1, maxU = 0;
        float maxF = 0;
        for (int i = 0; i < n; i++)
        {
            double u = rng.NextDouble();
            minU = Math.Min(minU, u);
            maxU = Math.Max(maxU, u);
            sumU += u;
            maxF = Math.Max(maxF, rng.NextFloat());
        }
        Assert.InRange(minU, 0, 1e-3);
        Assert.InRange(maxU, 1 - 1e-3, 1 - double.Epsilon);
        Assert.InRange(maxF, 1 - 1e-3f, 1 - MathF.ScaleB(1f, -24));
        // 5-sigma band: Var(U) = 1/12.
        Assert.InRange(sumU / n, 0.5 - 5 * Math.Sqrt(1.0 / 12 / n), 0.5 + 5 * Math.Sqrt(1.0 / 12 / n));
    }

    [Fact]
    public void NextInt_is_x_mod_n_of_the_raw_output_when_not_rejected()
    {
        var a = new SeededRandom(11);
        var b = new SeededRandom(11);
        foreach (var n in new[] { 1, 2, 3, 4, 7, 1000, int.MaxValue })
        {
            Assert.Equal((int)(a.NextUInt64() % (ulong)n), b.NextInt(n));
        }
        Assert.Equal(-4 + (int)(a.NextUInt64() % 9), b.NextInt(-4, 5));
    }

    [Fact]
    public void NextInt_is_uniform_over_every_value()
    {
        // Chi-square over 7 cells (6 degrees of freedom): the 99.99th percentile is 27.9.
        const int n = 70_000;
        var counts = new int[7];
        var rng = new SeededRandom(3);
        for (var i = 0; i < n; i++)
        {
            counts[rng.NextInt(7)]++;
        }
        var expected = n / 7.0;
        Assert.InRange(counts.Sum(c => (c - expected) * (c - expected) / expected), 0, 27.9);
        Assert.All(Enumerable.Range(0, 1000).Select(_ => rng.NextInt(int.MinValue, int.MaxValue)), v => Assert.InRange(v, int.MinValue, int.MaxValue - 1));
    }

    [Fact]
    public void NextInt_rejects_an_empty_range()
    {
        var rng = new SeededRandom(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(3, 3));
    }

    [Fact]
    public void Normal_draws_are_box_muller_pairs_with_unit_moments()
    {
        var a = new SeededRandom(8);
        var pair = new double[3];
        new SeededRandom(8).FillNormal(pair);
        double u1 = 1 - a.NextDouble(), u2 = a.NextDouble();
        double r = Math.Sqrt(-2 * Math.Log(u1));
        Assert.Equal(r * Math.Cos(2 * Math.PI * u2), pair[0], 15);
        Assert.Equal(r * Math.Sin(2 * Math.PI * u2), pair[1], 15);

        var floats = new float[5];
        var doubles = new double[5];
        new SeededRandom(9).FillNormal(floats);
        new SeededRandom(9).FillNormal(doubles);
        Assert.Equal(doubles.Select(d => (float)d), floats);

        const int n = 200_000;
        var g = new double[n];
        new SeededRandom(2026).FillNormal(g);
        // 5-sigma bands: Var(G) = 1, Var(G^2) = 2.
        Assert.InRange(g.Average(), -5 / Math.Sqrt(n), 5 / Math.Sqrt(n));
        Assert.InRange(g.Average(v => v * v), 1 - 5 * Math.Sqrt(2.0 / n), 1 + 5 * Math.Sqrt(2.0 / n));
    }

    [Fact]
    public void Shuffle_gives_every_permutation_of_three_equally_often()
    {
        // 6 permutations, 60,000 shuffles; chi-square with 5 degrees of freedom, 99.99th percentile 25.7.
        var counts = new Dictionary<string, int>();
        var rng = new SeededRandom(12);
        for (var i = 0; i < 60_000; i++)
        {
            int[] items = [0, 1, 2];
            rng.Shuffle(items.AsSpan());
            var key = string.Concat(items);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        Assert.Equal(6, counts.Count);
        Assert.InRange(counts.Values.Sum(c => (c - 10_000.0) * (c - 10_000.0) / 10_000.0), 0, 25.7);
    }
}
