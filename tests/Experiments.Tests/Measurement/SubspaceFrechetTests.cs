using QGan.MLNet.Experiments.Measurement;
using QGan.MLNet.Transforms.Evaluation;

namespace QGan.MLNet.Experiments.Tests.Measurement;

public sealed class SubspaceFrechetTests
{
    private static List<float[]> Rows(int count, int d, double shift, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, d).Select(k => (float)(shift * (k % 3) + random.NextDouble() * (1 + k % 5))).ToArray())];
    }

    [Theory]
    [InlineData(12, 15, 80)]
    [InlineData(30, 20, 200)]
    public void The_subspace_fid_equals_the_full_dimensional_fid(int n1, int n2, int d)
    {
        var a = Rows(n1, d, 0, seed: 1);
        var b = Rows(n2, d, 0.3, seed: 2);
        double full = FrechetDistance.Compute(a, b);
        double sub = SubspaceFrechet.Compute(a, b);
        Assert.True(full > 1, $"a real difference: {full}");
        Assert.Equal(full, sub, full * 1e-9);
    }

    [Fact]
    public void Small_dimensions_use_the_direct_formula_and_identical_sets_give_zero()
    {
        var a = Rows(40, 6, 0, seed: 3);
        Assert.Equal(FrechetDistance.Compute(a, Rows(40, 6, 1, seed: 4)), SubspaceFrechet.Compute(a, Rows(40, 6, 1, seed: 4)));
        var wide = Rows(10, 100, 0, seed: 5);
        Assert.Equal(0, SubspaceFrechet.Compute(wide, wide), 9);
    }
}
