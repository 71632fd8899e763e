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
        new OutcomeSampler(p).Sample(shots, new Xoshiro256StarStar(5), histogram);

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
    [InlineData(new[] { 0.5, double.NaN })]
    [InlineData(new[] { 0.5, -0.1 })]
    [InlineData(new[] { 0.0, 0.0 })]
    [InlineData(new double[0])]
    public void Invalid_probabilities_are_rejected(double[] p)
    {
        Assert.Throws<ArgumentException>(() => new OutcomeSampler(p));
    }
}
