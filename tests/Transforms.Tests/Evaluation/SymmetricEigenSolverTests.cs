using QGan.MLNet.Transforms.Evaluation.Numerics;

namespace QGan.MLNet.Transforms.Tests.Evaluation;

public sealed class SymmetricEigenSolverTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(7, 3)]
    [InlineData(33, 7)] // n - 1 = 32: exactly one block of reflectors
    [InlineData(50, 4)]
    [InlineData(300, 5)] // above the parallel threshold of the Householder update and accumulation loops
    [InlineData(600, 6)] // parallel matrix-vector product of the reduction as well
    public void Random_symmetric_matrix_satisfies_A_V_equals_V_diag_w_with_orthonormal_V(int n, int seed)
    {
        var a = TestMatrices.RandomSymmetric(n, seed);

        var eig = SymmetricEigenSolver.Decompose(a, n);

        AssertDecomposition(a, n, eig, 1e-12);
    }

    [Fact]
    public void Second_difference_matrix_has_the_analytic_eigenvalues()
    {
        // tridiag(-1, 2, -1) of order n: lambda_k = 2 - 2 cos(k pi / (n + 1)), v_k(j) ~ sin(j k pi / (n + 1)).
        const int n = 40;
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

        var eig = SymmetricEigenSolver.Decompose(a, n);

        for (var k = 1; k <= n; k++)
        {
            Assert.Equal(2 - 2 * Math.Cos(k * Math.PI / (n + 1)), eig.Values[k - 1], 1e-13);
            // Eigenvector up to sign: |<v, s>| = |s| for the analytic sine vector s.
            var v = eig.Vector(k - 1);
            double dot = 0, norm = 0;
            for (var j = 0; j < n; j++)
            {
                var s = Math.Sin((j + 1) * k * Math.PI / (n + 1));
                dot += v[j] * s;
                norm += s * s;
            }
            Assert.Equal(Math.Sqrt(norm), Math.Abs(dot), 1e-10);
        }
    }

    [Fact]
    public void Two_by_two_has_the_closed_form_eigenpairs()
    {
        var eig = SymmetricEigenSolver.Decompose(new double[] { 2, 1, 1, 2 }, 2);

        Assert.Equal(1.0, eig.Values[0], 1e-15);
        Assert.Equal(3.0, eig.Values[1], 1e-15);
        var h = Math.Sqrt(0.5);
        Assert.Equal(h, Math.Abs(eig.Vector(0)[0]), 1e-15);
        Assert.Equal(-eig.Vector(0)[0], eig.Vector(0)[1], 1e-15);
        Assert.Equal(eig.Vector(1)[0], eig.Vector(1)[1], 1e-15);
    }

    [Fact]
    public void Rank_deficient_covariance_has_exactly_the_expected_number_of_zero_eigenvalues()
    {
        // 6 samples in 20 dimensions: rank 5, so 15 eigenvalues vanish up to round-off.
        const int n = 20;
        var c = TestMatrices.RandomCovariance(6, n, seed: 11);

        var eig = SymmetricEigenSolver.Decompose(c, n);

        var scale = eig.Values[^1];
        Assert.All(eig.Values.Take(15), w => Assert.True(Math.Abs(w) < 1e-13 * scale, $"{w}"));
        Assert.All(eig.Values.Skip(15), w => Assert.True(w > 1e-3 * scale, $"{w}"));
        AssertDecomposition(c, n, eig, 1e-12);
    }

    [Fact]
    public void Repeated_eigenvalues_and_zero_matrix_are_handled()
    {
        const int n = 9;
        var diag = new double[n * n];
        double[] values = [3, -1, 3, 0, 3, -1, 5, 0, 3];
        for (var i = 0; i < n; i++)
        {
            diag[i * n + i] = values[i];
        }
        var eig = SymmetricEigenSolver.Decompose(diag, n);
        Assert.Equal(values.Order().ToArray(), eig.Values);
        AssertDecomposition(diag, n, eig, 1e-15);

        var zero = SymmetricEigenSolver.Decompose(new double[n * n], n);
        Assert.All(zero.Values, w => Assert.Equal(0.0, w));
        AssertDecomposition(new double[n * n], n, zero, 1e-15);
    }

    [Fact]
    public void Eigenvalues_only_matches_the_full_decomposition_and_the_trace()
    {
        const int n = 120;
        var a = TestMatrices.RandomSymmetric(n, seed: 8);

        var full = SymmetricEigenSolver.Decompose(a, n).Values;
        var only = SymmetricEigenSolver.Eigenvalues(a, n);

        for (var i = 0; i < n; i++)
        {
            Assert.Equal(full[i], only[i], 1e-12);
        }
        var trace = Enumerable.Range(0, n).Sum(i => a[i * n + i]);
        Assert.Equal(trace, only.Sum(), 1e-11);
        // Frobenius norm squared = sum of squared eigenvalues.
        Assert.Equal(a.Sum(v => v * v), only.Sum(w => w * w), 1e-9);
    }

    [Fact]
    public void Non_finite_or_wrongly_sized_input_is_rejected()
    {
        var a = new double[] { 1, double.NaN, double.NaN, 1 };
        var ex = Assert.Throws<ArgumentException>(() => SymmetricEigenSolver.Decompose(a, 2));
        Assert.Contains("(0, 1)", ex.Message);
        Assert.Throws<ArgumentException>(() => SymmetricEigenSolver.Decompose(new double[5], 2));
    }

    private static void AssertDecomposition(double[] a, int n, SymmetricEigenDecomposition eig, double relTol)
    {
        var norm = Math.Max(1.0, TestMatrices.MaxAbs(a) * n);
        for (var i = 1; i < n; i++)
        {
            Assert.True(eig.Values[i - 1] <= eig.Values[i], "eigenvalues must be ascending");
        }
        for (var k = 0; k < n; k++)
        {
            var v = eig.Vector(k);
            for (var i = 0; i < n; i++)
            {
                double av = 0;
                for (var j = 0; j < n; j++)
                {
                    av += a[i * n + j] * v[j];
                }
                Assert.True(Math.Abs(av - eig.Values[k] * v[i]) <= relTol * norm * 10,
                    $"residual of eigenpair {k} at {i}: {av - eig.Values[k] * v[i]}");
            }
            for (var l = 0; l <= k; l++)
            {
                var u = eig.Vector(l);
                double dot = 0;
                for (var j = 0; j < n; j++)
                {
                    dot += u[j] * v[j];
                }
                Assert.True(Math.Abs(dot - (l == k ? 1 : 0)) <= 1e-13 * n, $"<v{l}, v{k}> = {dot}");
            }
        }
    }
}
