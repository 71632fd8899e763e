using QGan.MLNet.Transforms.Evaluation.Numerics;

namespace QGan.MLNet.Transforms.Tests.Evaluation;

public sealed class RowDotProductsTests
{
    [Theory]
    [InlineData(37, 29, 1031)] // ragged tiles and K blocks
    [InlineData(130, 70, 9)]   // several row/column blocks, K shorter than a vector
    [InlineData(4, 4, 8)]
    public void Matches_naive_dot_products_and_accumulates(int m, int n, int k)
    {
        var rng = new Random(m * 1000 + n);
        var p = Enumerable.Range(0, m * k).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var q = Enumerable.Range(0, n * k).Select(_ => rng.NextDouble() - 0.5).ToArray();
        const int pad = 3;
        var c = Enumerable.Repeat(1.0, m * (n + pad)).ToArray();

        RowDotProducts.Compute(p, m, q, n, k, c, n + pad, accumulate: true, upperOnly: false);

        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double expected = 1;
                for (var t = 0; t < k; t++)
                {
                    expected += p[i * k + t] * q[j * k + t];
                }
                Assert.Equal(expected, c[i * (n + pad) + j], 1e-12);
            }
            for (var j = n; j < n + pad; j++)
            {
                Assert.Equal(1.0, c[i * (n + pad) + j]); // padding untouched
            }
        }
    }

    [Fact]
    public void Upper_only_gram_matrix_mirrors_to_the_full_symmetric_product()
    {
        const int n = 133, k = 517;
        var rng = new Random(3);
        var x = Enumerable.Range(0, n * k).Select(_ => rng.NextDouble()).ToArray();
        var c = new double[n * n];

        RowDotProducts.Compute(x, n, x, n, k, c, n, accumulate: false, upperOnly: true);
        RowDotProducts.MirrorUpper(c, n);

        var full = new double[n * n];
        RowDotProducts.Compute(x, n, x, n, k, full, n, accumulate: false, upperOnly: false);
        for (var i = 0; i < c.Length; i++)
        {
            Assert.Equal(full[i], c[i], 1e-11);
        }
    }
}
