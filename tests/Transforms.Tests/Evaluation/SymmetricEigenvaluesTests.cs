using QGan.MLNet.Transforms.Evaluation.Numerics;

namespace QGan.MLNet.Transforms.Tests.Evaluation;

public sealed class SymmetricEigenvaluesTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(7, 3)]
    [InlineData(33, 7)]   // one full panel of 32 reflectors and a one-row tail panel
    [InlineData(65, 4)]   // two panels with a trailing rank-2k update, then a single row
    [InlineData(300, 5)]
    [InlineData(600, 6)]  // parallel matrix-vector products and trailing updates
    public void Eigenvalues_of_a_rotated_diagonal_matrix_are_the_diagonal(int n, int seed)
    {
        // A = Q diag(w) Q^T with an orthogonal Q built independently of the solver (Householder reflections), so the
        // exact spectrum is known; w has repeated values, a zero and both signs.
        var rng = new Random(seed);
        var w = Enumerable.Range(0, n).Select(i => i % 5 == 0 ? 0.5 : Math.Round(rng.NextDouble() * 8 - 4, 1)).ToArray();
        var a = TestMatrices.RotatedDiagonal(w, seed);

        var values = SymmetricEigenvalues.Compute(a, n);

        var expected = w.Order().ToArray();
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(expected[i], values[i], 1e-12 * Math.Max(1, n / 30.0));
        }
    }

    [Fact]
    public void Second_difference_matrix_has_the_analytic_eigenvalues()
    {
        // tridiag(-1, 2, -1) of order n: lambda_k = 2 - 2 cos(k pi / (n + 1)), ascending.
        const int n = 70;
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            a[i * n + i] = 2;
            if (i + 1 < n)
            {
                a[i * n + i + 1] = -1;
                a[(i + 1) * n + i] = -1;
            }
        }

        var values = SymmetricEigenvalues.Compute(a, n);

        for (var k = 1; k <= n; k++)
        {
            Assert.Equal(2 - 2 * Math.Cos(k * Math.PI / (n + 1)), values[k - 1], 1e-13);
        }
    }

    [Fact]
    public void Two_by_two_has_the_closed_form()
    {
        var values = SymmetricEigenvalues.Compute(new double[] { 2, 1, 1, 2 }, 2);

        Assert.Equal(1.0, values[0], 1e-15);
        Assert.Equal(3.0, values[1], 1e-15);
    }

    [Fact]
    public void Rank_deficient_covariance_has_exactly_the_expected_number_of_zero_eigenvalues()
    {
        // 6 samples in 40 dimensions: rank 5, so 35 eigenvalues vanish up to round-off.
        const int n = 40;
        var c = TestMatrices.RandomCovariance(6, n, seed: 11);

        var values = SymmetricEigenvalues.Compute(c, n);

        var scale = values[^1];
        Assert.All(values.Take(35), w => Assert.True(Math.Abs(w) < 1e-13 * scale, $"{w}"));
        Assert.All(values.Skip(35), w => Assert.True(w > 1e-3 * scale, $"{w}"));
    }

    [Fact]
    public void Zero_matrix_and_diagonal_matrix_with_repeated_values()
    {
        const int n = 9;
        Assert.All(SymmetricEigenvalues.Compute(new double[n * n], n), w => Assert.Equal(0.0, w));
        double[] diagonal = [3, -1, 3, 0, 3, -1, 5, 0, 3];
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            a[i * n + i] = diagonal[i];
        }
        Assert.Equal(diagonal.Order(), SymmetricEigenvalues.Compute(a, n));
    }

    [Fact]
    public void Trace_and_Frobenius_invariants_hold_for_a_random_matrix()
    {
        const int n = 120;
        var a = TestMatrices.RandomSymmetric(n, seed: 8);

        var values = SymmetricEigenvalues.Compute(a, n);

        var trace = Enumerable.Range(0, n).Sum(i => a[i * n + i]);
        Assert.Equal(trace, values.Sum(), 1e-11);
        Assert.Equal(a.Sum(v => v * v), values.Sum(w => w * w), 1e-9);
        for (var i = 1; i < n; i++)
        {
            Assert.True(values[i - 1] <= values[i], "eigenvalues must be ascending");
        }
    }

    [Fact]
    public void Thread_count_does_not_change_the_spectrum_beyond_round_off()
    {
        const int n = 700;
        var a = TestMatrices.RandomSymmetric(n, seed: 9);

        var one = SymmetricEigenvalues.Compute(a, n, maxThreads: 1);
        var two = SymmetricEigenvalues.Compute(a, n, maxThreads: 2);

        for (var i = 0; i < n; i++)
        {
            Assert.Equal(one[i], two[i], 1e-11);
        }
    }

    [Fact]
    public void Non_finite_or_wrongly_sized_input_is_rejected()
    {
        var a = new double[] { 1, double.NaN, double.NaN, 1 };
        var ex = Assert.Throws<ArgumentException>(() => SymmetricEigenvalues.Compute(a, 2));
        Assert.Contains("(0, 1)", ex.Message);
        Assert.Throws<ArgumentException>(() => SymmetricEigenvalues.Compute(new double[5], 2));
    }
}
