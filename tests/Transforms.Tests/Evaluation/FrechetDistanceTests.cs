using QGan.MLNet.Transforms.Csv;
using QGan.MLNet.Transforms.Evaluation;

namespace QGan.MLNet.Transforms.Tests.Evaluation;

public sealed class FrechetDistanceTests
{
    [Theory]
    [InlineData("gauss64", 1e-6)]
    [InlineData("fewer-rows-than-dims", 1e-4)]
    public void Reproduces_the_numpy_scipy_reference(string set, double relativeTolerance)
    {
        var a = GaussianMoments.FromRows(NumericCsv.ReadRows(FidFixture.Csv($"{set}-a.csv")), "a");
        var b = GaussianMoments.FromRows(NumericCsv.ReadRows(FidFixture.Csv($"{set}-b.csv")), "b");
        var expected = FidFixture.Expected.GetProperty(set);

        var fid = FrechetDistance.Compute(a, b);

        Assert.Equal(expected.GetProperty("rows_a").GetInt32(), fid.CountA);
        Assert.Equal(expected.GetProperty("rows_b").GetInt32(), fid.CountB);
        Assert.Equal(expected.GetProperty("dim").GetInt32(), fid.Dimension);
        var reference = FidFixture.ExpectedFid(set);
        Assert.True(Math.Abs(fid.Value - reference) <= relativeTolerance * Math.Abs(reference),
            $"FID {fid.Value:R} vs reference {reference:R}");
    }

    [Theory]
    [InlineData("gauss64")]
    [InlineData("fewer-rows-than-dims")] // singular covariance: the pivoted Cholesky drops its null directions exactly
    public void Distance_of_a_set_to_itself_vanishes(string set)
    {
        var a = GaussianMoments.FromRows(NumericCsv.ReadRows(FidFixture.Csv($"{set}-a.csv")), "a");

        var fid = FrechetDistance.Compute(a, a);

        Assert.True(Math.Abs(fid.Value) < 1e-8, $"FID(a, a) = {fid.Value:R}");
    }

    [Fact]
    public void Commuting_diagonal_covariances_give_the_closed_form()
    {
        // For diagonal S1, S2: FID = |mu1 - mu2|^2 + sum (sqrt s1 - sqrt s2)^2.
        double[] mu1 = [0, 1, 2], mu2 = [1, 1, -1], s1 = [1, 4, 0.25], s2 = [9, 1, 0];
        var fid = FrechetDistance.Compute(Moments(mu1, Diagonal(s1)), Moments(mu2, Diagonal(s2)));

        var expected = 1 + 0 + 9 + Math.Pow(1 - 3, 2) + Math.Pow(2 - 1, 2) + Math.Pow(0.5 - 0, 2);
        Assert.Equal(expected, fid.Value, 1e-13);
        Assert.Equal(10, fid.MeanTerm, 1e-15);
        Assert.Equal(5.25, fid.TraceA, 1e-15);
        Assert.Equal(10, fid.TraceB, 1e-15);
    }

    [Theory]
    [InlineData(40, false, false)]
    [InlineData(40, true, false)]  // S1 of rank 30: ten exact zero eigenvalues, dropped by the pivoted Cholesky
    [InlineData(40, true, true)]   // the singular one second: its null directions reach M and are cut there
    [InlineData(150, true, false)] // rank 129: the pivoted Cholesky stops in its third panel
    public void Rotated_commuting_covariances_with_a_wide_spectrum_give_the_closed_form(int d, bool singular, bool singularSecond)
    {
        // S1 = Q diag(a) Q^T, S2 = Q diag(b) Q^T with a random orthogonal Q (a product of Householder reflections,
        // independent of the solver) share eigenvectors, so tr sqrt(S1 S2) = sum sqrt(a_i b_i) and
        // FID = sum (sqrt a_i - sqrt b_i)^2 (equal means), although neither matrix is diagonal.
        var rng = new Random(d + (singular ? 1 : 0));
        var a = Enumerable.Range(0, d).Select(i => singular && i < d / 10 + 6 ? 0.0 : Math.Pow(10, -6 + 7.0 * i / d)).ToArray();
        var b = Enumerable.Range(0, d).Select(_ => Math.Pow(10, -3 + 3 * rng.NextDouble())).ToArray();
        var q = RandomOrthogonal(d, rng);
        var s1 = Conjugate(q, a, d);
        var s2 = Conjugate(q, b, d);

        var fid = singularSecond
            ? FrechetDistance.Compute(Moments(new double[d], s2), Moments(new double[d], s1))
            : FrechetDistance.Compute(Moments(new double[d], s1), Moments(new double[d], s2));

        var expected = a.Zip(b, (x, y) => Math.Pow(Math.Sqrt(x) - Math.Sqrt(y), 2)).Sum();
        var traceSqrt = a.Zip(b, (x, y) => Math.Sqrt(x * y)).Sum();
        Assert.Equal(traceSqrt, fid.TraceSqrtProduct, 1e-9 * traceSqrt);
        Assert.Equal(expected, fid.Value, 1e-10 * (a.Sum() + b.Sum()));
    }

    [Fact]
    public void Trace_sqrt_matches_an_independent_Denman_Beavers_square_root()
    {
        // Non-commuting full-rank covariances: tr sqrt(S1 S2) from the Cholesky + eigenvalues route must equal the trace
        // of the principal square root of the non-symmetric product S1 S2 from the Denman-Beavers iteration.
        const int n = 8;
        var s1 = TestMatrices.RandomCovariance(40, n, seed: 1);
        var s2 = TestMatrices.RandomCovariance(40, n, seed: 2);

        var viaCholesky = FrechetDistance.TraceSqrtProduct(s1, s2, n);

        var sqrt = DenmanBeaversSqrt(TestMatrices.Multiply(s1, s2, n), n);
        var trace = Enumerable.Range(0, n).Sum(i => sqrt[i * n + i]);
        Assert.Equal(trace, viaCholesky, 1e-9 * trace);
    }

    [Fact]
    public void Distance_is_symmetric_even_with_singular_covariances()
    {
        const int dim = 30;
        var a = GaussianMoments.FromRows(TestMatrices.RandomRows(12, dim, seed: 3), "a");
        var b = GaussianMoments.FromRows(TestMatrices.RandomRows(200, dim, seed: 4, scale: 2, offset: 0.5), "b");

        var ab = FrechetDistance.Compute(a, b).Value;
        var ba = FrechetDistance.Compute(b, a).Value;

        Assert.True(a.IsRankDeficient);
        Assert.False(b.IsRankDeficient);
        Assert.Equal(ab, ba, 1e-9 * ab);
    }

    [Fact]
    public void Different_dimensions_are_rejected_naming_both_sets()
    {
        var a = GaussianMoments.FromRows(TestMatrices.RandomRows(5, 3, seed: 1), "real");
        var b = GaussianMoments.FromRows(TestMatrices.RandomRows(5, 4, seed: 1), "generated");

        var ex = Assert.Throws<ArgumentException>(() => FrechetDistance.Compute(a, b));
        Assert.Contains("real has 3", ex.Message);
        Assert.Contains("generated has 4", ex.Message);
    }

    [Fact]
    public void Values_whose_covariance_overflows_are_refused_naming_the_set()
    {
        var rows = TestMatrices.RandomRows(6, 3, seed: 2).Select(r => r.Select(v => v * 1e300).ToArray());

        var ex = Assert.Throws<InvalidDataException>(() => GaussianMoments.FromRows(rows, "huge.csv"));

        Assert.StartsWith("huge.csv: the values are too large", ex.Message);
        Assert.Contains("too large for a covariance in double precision", ex.Message);
    }

    [Fact]
    public void Features_in_the_1e100s_give_the_scaled_distance_instead_of_an_eigen_solver_overflow()
    {
        // Covariances near 1e200 are finite, but squaring their entries inside the eigen-solver is not.
        double[][] A(double scale) => TestMatrices.RandomRows(40, 5, seed: 3).Select(r => r.Select(v => v * scale).ToArray()).ToArray();
        double[][] B(double scale) => TestMatrices.RandomRows(40, 5, seed: 4).Select(r => r.Select(v => (v + 0.3) * scale).ToArray()).ToArray();

        var unit = FrechetDistance.Compute(GaussianMoments.FromRows(A(1), "a"), GaussianMoments.FromRows(B(1), "b")).Value;
        var huge = FrechetDistance.Compute(GaussianMoments.FromRows(A(1e100), "a"), GaussianMoments.FromRows(B(1e100), "b")).Value;

        Assert.True(unit > 0.1);
        Assert.Equal(unit, huge / 1e200, 1e-10 * unit);
    }

    [Fact]
    public void A_distance_that_overflows_is_refused_naming_both_sets()
    {
        // Every covariance entry is finite, but the four variances of each set add up past the largest double.
        double[] Covariance() => [1e308, 0, 0, 0, 0, 1e308, 0, 0, 0, 0, 1e308, 0, 0, 0, 0, 1e308];
        var a = new GaussianMoments("a.csv", 100, new double[4], Covariance());
        var b = new GaussianMoments("b.csv", 100, new double[4], Covariance());

        var ex = Assert.Throws<InvalidDataException>(() => FrechetDistance.Compute(a, b));

        Assert.StartsWith("a.csv, b.csv: the Fréchet distance overflows double precision", ex.Message);
    }

    private static GaussianMoments Moments(double[] mean, double[] cov) => new("set", 100, mean, cov);

    private static double[] RandomOrthogonal(int n, Random rng)
    {
        var q = Identity(n);
        for (var r = 0; r < 3; r++)
        {
            // q <- q (I - 2 v v^T / v^T v)
            var v = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
            var vv = v.Sum(x => x * x);
            for (var i = 0; i < n; i++)
            {
                double dot = 0;
                for (var k = 0; k < n; k++)
                {
                    dot += q[i * n + k] * v[k];
                }
                for (var k = 0; k < n; k++)
                {
                    q[i * n + k] -= 2 * dot * v[k] / vv;
                }
            }
        }
        return q;
    }

    // Q diag(w) Q^T, symmetrised.
    private static double[] Conjugate(double[] q, double[] w, int n)
    {
        var m = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                double s = 0;
                for (var k = 0; k < n; k++)
                {
                    s += q[i * n + k] * w[k] * q[j * n + k];
                }
                m[i * n + j] = s;
                m[j * n + i] = s;
            }
        }
        return m;
    }

    private static double[] Diagonal(double[] v)
    {
        var m = new double[v.Length * v.Length];
        for (var i = 0; i < v.Length; i++)
        {
            m[i * v.Length + i] = v[i];
        }
        return m;
    }

    private static double[] DenmanBeaversSqrt(double[] a, int n)
    {
        var y = (double[])a.Clone();
        var z = Identity(n);
        for (var iter = 0; iter < 60; iter++)
        {
            var yi = Inverse(y, n);
            var zi = Inverse(z, n);
            for (var i = 0; i < y.Length; i++)
            {
                (y[i], z[i]) = (0.5 * (y[i] + zi[i]), 0.5 * (z[i] + yi[i]));
            }
        }
        return y;
    }

    private static double[] Identity(int n)
    {
        var m = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            m[i * n + i] = 1;
        }
        return m;
    }

    private static double[] Inverse(double[] a, int n)
    {
        // Gauss-Jordan with partial pivoting.
        var m = (double[])a.Clone();
        var inv = Identity(n);
        for (var c = 0; c < n; c++)
        {
            var p = c;
            for (var r = c + 1; r < n; r++)
            {
                if (Math.Abs(m[r * n + c]) > Math.Abs(m[p * n + c]))
                {
                    p = r;
                }
            }
            for (var k = 0; k < n; k++)
            {
                (m[c * n + k], m[p * n + k]) = (m[p * n + k], m[c * n + k]);
                (inv[c * n + k], inv[p * n + k]) = (inv[p * n + k], inv[c * n + k]);
            }
            var d = m[c * n + c];
            for (var k = 0; k < n; k++)
            {
                m[c * n + k] /= d;
                inv[c * n + k] /= d;
            }
            for (var r = 0; r < n; r++)
            {
                if (r == c)
                {
                    continue;
                }
                var f = m[r * n + c];
                for (var k = 0; k < n; k++)
                {
                    m[r * n + k] -= f * m[c * n + k];
                    inv[r * n + k] -= f * inv[c * n + k];
                }
            }
        }
        return inv;
    }
}
