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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Blocks_inside_arrays_subtract_and_skip_declared_leading_zeros(bool trapezoidalP)
    {
        var zeros = trapezoidalP ? LeadingZeros.PRows : LeadingZeros.QRows;
        // P, Q and C are blocks at an offset inside larger arrays; the trapezoidal operand stores zeros left of its
        // diagonal, which the kernel may skip.
        const int m = 70, n = 70, k = 90, stride = 100, offset = 205;
        var rng = new Random(7);
        var p = Enumerable.Range(0, offset + m * stride).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var q = Enumerable.Range(0, offset + n * stride).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var c = Enumerable.Repeat(2.0, offset + m * stride).ToArray();
        for (var i = 0; i < m; i++)
        {
            for (var t = 0; t < i; t++)
            {
                (zeros == LeadingZeros.PRows ? p : q)[offset + i * stride + t] = 0;
            }
        }
        double P(int i, int t) => p[offset + i * stride + t];
        double Q(int j, int t) => q[offset + j * stride + t];

        RowDotProducts.Compute(new DenseBlock(p, offset, stride), m, new DenseBlock(q, offset, stride), n, k,
            new DenseBlock(c, offset, stride), accumulate: true, upperOnly: false, subtract: true, zeros: zeros);

        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double expected = 2;
                for (var t = 0; t < k; t++)
                {
                    expected -= P(i, t) * Q(j, t);
                }
                Assert.Equal(expected, c[offset + i * stride + j], 1e-12);
            }
        }
        Assert.All(c.Take(offset), v => Assert.Equal(2.0, v));
    }

    [Fact]
    public void Transposed_operands_read_columns_as_rows()
    {
        // Covariance layout: X is samples x features (row-major); the kernel reads it as features x samples.
        const int samples = 300, features = 37;
        var rng = new Random(11);
        var x = Enumerable.Range(0, samples * features).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var view = new DenseBlock(x, 0, features, Transposed: true);
        var c = new double[features * features];

        RowDotProducts.Compute(view, features, view, features, samples, new DenseBlock(c, 0, features),
            accumulate: false, upperOnly: true);

        for (var i = 0; i < features; i++)
        {
            for (var j = i; j < features; j++)
            {
                double expected = 0;
                for (var t = 0; t < samples; t++)
                {
                    expected += x[t * features + i] * x[t * features + j];
                }
                Assert.Equal(expected, c[i * features + j], 1e-11);
            }
        }
    }
}
