namespace QGan.MLNet.Transforms.Tests.Evaluation;

/// <summary>Small dense helpers for building and checking test matrices (naive, obviously correct loops).</summary>
internal static class TestMatrices
{
    public static double[] RandomSymmetric(int n, int seed)
    {
        var rng = new Random(seed);
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var v = rng.NextDouble() * 2 - 1;
                a[i * n + j] = v;
                a[j * n + i] = v;
            }
        }
        return a;
    }

    /// <summary>Gram matrix X^T X / (rows - 1) of a random rows x n matrix: symmetric PSD of rank min(rows - 1, n).</summary>
    public static double[] RandomCovariance(int rows, int n, int seed, double scale = 1.0)
    {
        var x = RandomRows(rows, n, seed, scale);
        return NaiveCovariance(x);
    }

    public static double[][] RandomRows(int rows, int n, int seed, double scale = 1.0, double offset = 0.0)
    {
        var rng = new Random(seed);
        var x = new double[rows][];
        for (var r = 0; r < rows; r++)
        {
            x[r] = new double[n];
            for (var j = 0; j < n; j++)
            {
                x[r][j] = offset + scale * Gaussian(rng) * (1 + 0.1 * j);
            }
        }
        return x;
    }

    public static double Gaussian(Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Two-pass mean and (N-1) covariance, the textbook way.</summary>
    public static double[] NaiveCovariance(double[][] x)
    {
        var n = x[0].Length;
        var mean = NaiveMean(x);
        var c = new double[n * n];
        foreach (var row in x)
        {
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    c[i * n + j] += (row[i] - mean[i]) * (row[j] - mean[j]);
                }
            }
        }
        for (var i = 0; i < c.Length; i++)
        {
            c[i] /= x.Length - 1;
        }
        return c;
    }

    public static double[] NaiveMean(double[][] x)
    {
        var mean = new double[x[0].Length];
        foreach (var row in x)
        {
            for (var j = 0; j < mean.Length; j++)
            {
                mean[j] += row[j];
            }
        }
        for (var j = 0; j < mean.Length; j++)
        {
            mean[j] /= x.Length;
        }
        return mean;
    }

    public static double[] Multiply(double[] a, double[] b, int n)
    {
        var c = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < n; k++)
            {
                var aik = a[i * n + k];
                for (var j = 0; j < n; j++)
                {
                    c[i * n + j] += aik * b[k * n + j];
                }
            }
        }
        return c;
    }

    /// <summary>
    /// <c>Q diag(w) Q^T</c> for an orthogonal Q that is a product of three random Householder reflections (applied
    /// to both sides, O(n^2) each), so the spectrum is exactly w up to round-off.
    /// </summary>
    public static double[] RotatedDiagonal(double[] w, int seed)
    {
        var n = w.Length;
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            a[i * n + i] = w[i];
        }
        var rng = new Random(seed);
        for (var r = 0; r < 3; r++)
        {
            var v = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
            var vv = v.Sum(x => x * x);
            // H A H with H = I - 2 v v^T / vv: A - v p^T - p v^T with p = (2/vv) A v - (2/vv)^2 (v^T A v / 2) v.
            var av = new double[n];
            for (var i = 0; i < n; i++)
            {
                double s = 0;
                for (var j = 0; j < n; j++)
                {
                    s += a[i * n + j] * v[j];
                }
                av[i] = 2 * s / vv;
            }
            var k = av.Zip(v, (x, y) => x * y).Sum() / vv;
            var p = av.Zip(v, (x, y) => x - k * y).ToArray();
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    a[i * n + j] -= v[i] * p[j] + p[i] * v[j];
                }
            }
        }
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var m = 0.5 * (a[i * n + j] + a[j * n + i]);
                a[i * n + j] = m;
                a[j * n + i] = m;
            }
        }
        return a;
    }

    public static double MaxAbs(ReadOnlySpan<double> a)
    {
        double m = 0;
        foreach (var v in a)
        {
            m = Math.Max(m, Math.Abs(v));
        }
        return m;
    }
}
