using QGan.MLNet.Transforms.Evaluation;

namespace QGan.MLNet.Transforms.Tests.Evaluation;

public sealed class MomentAccumulatorTests
{
    [Theory]
    [InlineData(64)]   // many full blocks merged, plus a partial one
    [InlineData(1000)] // a single partial block
    public void Blocked_streaming_moments_equal_the_two_pass_moments(int blockRows)
    {
        const int rows = 777, dim = 13;
        var x = TestMatrices.RandomRows(rows, dim, seed: 5);
        var acc = new MomentAccumulator(dim, "real", blockRows);
        foreach (var row in x)
        {
            acc.Add(row);
        }

        var m = acc.ToMoments();

        Assert.Equal(rows, m.Count);
        var mean = TestMatrices.NaiveMean(x);
        var cov = TestMatrices.NaiveCovariance(x);
        for (var j = 0; j < dim; j++)
        {
            Assert.Equal(mean[j], m.Mean[j], 1e-13);
        }
        for (var i = 0; i < cov.Length; i++)
        {
            Assert.Equal(cov[i], m.Covariance[i], 1e-12);
        }
    }

    [Fact]
    public void Large_common_offset_does_not_destroy_the_covariance()
    {
        // Values around 1e8 with unit spread: a naive sum-of-squares formula loses all digits here.
        const int dim = 5;
        var centred = TestMatrices.RandomRows(300, dim, seed: 9);
        var shifted = centred.Select(r => r.Select(v => v + 1e8).ToArray()).ToArray();
        var acc = new MomentAccumulator(dim, "generated", blockRows: 64);
        foreach (var row in shifted)
        {
            acc.Add(row);
        }

        var m = acc.ToMoments();

        var cov = TestMatrices.NaiveCovariance(centred);
        for (var i = 0; i < cov.Length; i++)
        {
            Assert.Equal(cov[i], m.Covariance[i], 1e-6);
        }
    }

    [Fact]
    public void Float_rows_are_accumulated_in_double()
    {
        var acc = new MomentAccumulator(2, "set");
        acc.Add(new float[] { 0.1f, 1f });
        acc.Add(new float[] { 0.3f, 3f });

        var m = acc.ToMoments();

        Assert.Equal(((double)0.1f + 0.3f) / 2, m.Mean[0], 1e-15);
        Assert.Equal(2.0, m.Covariance[3], 1e-15); // var(1, 3) = 2
        Assert.Equal(2 * ((double)0.3f - 0.1f) / 2, m.Covariance[1], 1e-7);
    }

    [Fact]
    public void Bad_rows_name_the_set_and_the_row()
    {
        var acc = new MomentAccumulator(3, "generated");
        acc.Add(new double[] { 1, 2, 3 });

        var nan = Assert.Throws<InvalidDataException>(() => acc.Add(new double[] { 1, double.NaN, 3 }));
        Assert.Contains("generated", nan.Message);
        Assert.Contains("row 1", nan.Message);
        Assert.Contains("feature 1", nan.Message);

        var inf = Assert.Throws<InvalidDataException>(() => acc.Add(new float[] { 1, 2, float.PositiveInfinity }));
        Assert.Contains("row 1", inf.Message);

        var ragged = Assert.Throws<InvalidDataException>(() => acc.Add(new double[] { 1, 2 }));
        Assert.Contains("has 2 values, expected 3", ragged.Message);

        var single = Assert.Throws<InvalidDataException>(() => acc.ToMoments());
        Assert.Contains("generated: 1 sample", single.Message);
    }
}
