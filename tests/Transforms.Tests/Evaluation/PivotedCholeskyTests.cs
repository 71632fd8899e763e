using QGan.MLNet.Transforms.Evaluation.Numerics;

namespace QGan.MLNet.Transforms.Tests.Evaluation;

public sealed class PivotedCholeskyTests
{
    [Theory]
    [InlineData(400, 150)] // full rank, three panels
    [InlineData(6, 40)]    // rank 5 inside the first panel
    [InlineData(100, 150)] // rank 99: stops in the second panel, after one trailing update and deferred swaps
    [InlineData(300, 64)]  // exactly one panel
    [InlineData(2, 1)]
    public void Pivoted_factor_reproduces_the_covariance_and_reveals_its_rank(int rows, int n)
    {
        var a = TestMatrices.RandomCovariance(rows, n, seed: rows + n);

        var chol = PivotedCholesky.Compute(a, n);

        Assert.Equal(Math.Min(rows - 1, n), chol.Rank);
        Assert.Equal(Enumerable.Range(0, n), chol.Permutation.Order());
        var r = chol.Factor;
        var scale = TestMatrices.MaxAbs(a);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                // (R^T R)[i, j] = A[perm i, perm j].
                double s = 0;
                for (var k = 0; k < chol.Rank; k++)
                {
                    s += r[k * n + i] * r[k * n + j];
                }
                Assert.True(Math.Abs(s - a[chol.Permutation[i] * n + chol.Permutation[j]]) <= 1e-12 * scale * n,
                    $"({i}, {j}): {s} vs {a[chol.Permutation[i] * n + chol.Permutation[j]]}");
            }
        }
        for (var k = 0; k < chol.Rank; k++)
        {
            Assert.All(r.AsSpan(k * n, k).ToArray(), v => Assert.Equal(0.0, v)); // upper trapezoidal
            Assert.True(r[k * n + k] > 0);
            if (k > 0)
            {
                Assert.True(r[k * n + k] <= r[(k - 1) * n + k - 1] * (1 + 1e-12), "pivots must not increase");
            }
        }
    }

    [Fact]
    public void Zero_and_negative_diagonals_give_rank_zero()
    {
        Assert.Equal(0, PivotedCholesky.Compute(new double[9], 3).Rank);
        Assert.Equal(0, PivotedCholesky.Compute(new double[] { -1, 0, 0, -2 }, 2).Rank);
    }

    [Fact]
    public void Known_rank_two_matrix_in_closed_form()
    {
        // A = u u^T + w w^T with u = (1, 2, 0), w = (0, 1, 3): rank 2; the largest diagonal (10) is pivoted first.
        double[] a = [1, 2, 0, 2, 5, 3, 0, 3, 9];

        var chol = PivotedCholesky.Compute(a, 3);

        Assert.Equal(2, chol.Rank);
        Assert.Equal(2, chol.Permutation[0]);
        Assert.Equal(3.0, chol.Factor[0], 1e-15);
    }

    [Fact]
    public void Non_finite_diagonal_or_wrong_size_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => PivotedCholesky.Compute(new double[] { 1, 0, 0, double.NaN }, 2));
        Assert.Contains("Diagonal entry 1", ex.Message);
        Assert.Throws<ArgumentException>(() => PivotedCholesky.Compute(new double[5], 2));
    }
}
