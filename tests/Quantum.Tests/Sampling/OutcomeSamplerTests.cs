using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Quantum.Sampling;

namespace QGan.MLNet.Quantum.Tests.Sampling;

public sealed class OutcomeSamplerTests
{
    [Fact]
    public void Frequencies_match_probabilities_and_impossible_outcomes_never_occur()
    {
        double[] p = [0.5, 0, 0.125, 0.375, 0];
        const int shots = 80_000;
        var histogram = new long[p.Length];
        new OutcomeSampler(p).Sample(shots, new SeededRandom(5), histogram);

        Assert.Equal(shots, histogram.Sum());
        for (int i = 0; i < p.Length; i++)
        {
            double sigma = Math.Sqrt(p[i] * (1 - p[i]) / shots);
            Assert.InRange((double)histogram[i] / shots, p[i] - 5 * sigma, p[i] + 5 * sigma);
            if (p[i] == 0)
            {
                Assert.Equal(0, histogram[i]);
            }
        }
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.3)]
    [InlineData(3, 0.9)]
    public void Alias_table_encodes_the_distribution_exactly(ulong seed, double zeroFraction)
    {
        var rng = new SeededRandom(seed);
        var p = new double[4096];
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = rng.NextDouble() < zeroFraction ? 0 : Math.Pow(rng.NextDouble(), 6);
        }
        double sum = p.Sum();
        var implied = new OutcomeSampler(p).ImpliedProbabilities();
        for (int i = 0; i < p.Length; i++)
        {
            Assert.True(Math.Abs(implied[i] - p[i] / sum) < 1e-15, $"outcome {i}: {implied[i]} vs {p[i] / sum}");
            if (p[i] == 0)
            {
                Assert.Equal(0, implied[i]);
            }
        }
    }

    [Fact]
    public void A_certain_outcome_is_always_drawn()
    {
        var sampler = new OutcomeSampler([0, 0, 0, 2.5, 0]);
        var rng = new SeededRandom(4);
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(3, sampler.Next(rng));
        }
    }

    [Theory]
    [InlineData(new[] { 0.5, double.NaN })]
    [InlineData(new[] { 0.5, -0.1 })]
    [InlineData(new[] { 0.0, 0.0 })]
    [InlineData(new double[0])]
    public void Invalid_probabilities_are_rejected(double[] p)
    {
        Assert.Throws<ArgumentException>(() => new OutcomeSampler(p));
    }
}
