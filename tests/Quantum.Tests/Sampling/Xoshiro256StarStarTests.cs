using QGan.MLNet.Quantum.Sampling;

namespace QGan.MLNet.Quantum.Tests.Sampling;

public sealed class Xoshiro256StarStarTests
{
    [Fact]
    public void Matches_the_reference_implementation_from_state_1_2_3_4()
    {
        // Outputs of the authors' C reference code (xoshiro256starstar.c) for s = {1, 2, 3, 4}.
        var rng = new Xoshiro256StarStar(1, 2, 3, 4);
        ulong[] expected = [11520UL, 0UL, 1509978240UL, 1215971899390074240UL, 1216172134540287360UL];
        foreach (var e in expected)
        {
            Assert.Equal(e, rng.NextUInt64());
        }
    }

    [Fact]
    public void Same_seed_and_stream_repeat_and_different_streams_differ()
    {
        var a = Xoshiro256StarStar.ForStream(42, 7);
        var b = Xoshiro256StarStar.ForStream(42, 7);
        var c = Xoshiro256StarStar.ForStream(42, 8);
        var d = Xoshiro256StarStar.ForStream(43, 7);
        var sa = Enumerable.Range(0, 8).Select(_ => a.NextUInt64()).ToArray();
        Assert.Equal(sa, Enumerable.Range(0, 8).Select(_ => b.NextUInt64()));
        Assert.NotEqual(sa, Enumerable.Range(0, 8).Select(_ => c.NextUInt64()));
        Assert.NotEqual(sa, Enumerable.Range(0, 8).Select(_ => d.NextUInt64()));
    }

    [Fact]
    public void All_zero_state_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new Xoshiro256StarStar(0, 0, 0, 0));
    }

    [Fact]
    public void Uniform_and_gaussian_draws_have_the_right_moments()
    {
        const int n = 200_000;
        var rng = new Xoshiro256StarStar(2026);
        double sumU = 0, sumG = 0, sumG2 = 0, minU = 1, maxU = 0;
        for (int i = 0; i < n; i++)
        {
            double u = rng.NextDouble();
            minU = Math.Min(minU, u);
            maxU = Math.Max(maxU, u);
            sumU += u;
            double g = rng.NextGaussian();
            sumG += g;
            sumG2 += g * g;
        }
        Assert.InRange(minU, 0, 1e-3);
        Assert.InRange(maxU, 1 - 1e-3, 1 - double.Epsilon);
        // 5-sigma bands: Var(U) = 1/12, Var(G) = 1, Var(G^2) = 2.
        Assert.InRange(sumU / n, 0.5 - 5 * Math.Sqrt(1.0 / 12 / n), 0.5 + 5 * Math.Sqrt(1.0 / 12 / n));
        Assert.InRange(sumG / n, -5 / Math.Sqrt(n), 5 / Math.Sqrt(n));
        Assert.InRange(sumG2 / n, 1 - 5 * Math.Sqrt(2.0 / n), 1 + 5 * Math.Sqrt(2.0 / n));
    }
}
