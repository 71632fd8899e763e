namespace QGan.MLNet.Experiments.Analysis;

/// <summary>Least squares y = c0 + c1 x + c2 x² and its vertex (the minimum when c2 &gt; 0).</summary>
public sealed record QuadraticFit(double C0, double C1, double C2)
{
    public double Predict(double x) => C0 + x * (C1 + x * C2);

    /// <summary>-c1 / (2 c2): the minimum's x when <see cref="C2"/> &gt; 0, otherwise null (no minimum).</summary>
    public double? Vertex => C2 > 0 ? -C1 / (2 * C2) : null;

    /// <summary>The fit, or null with fewer than 3 distinct x.</summary>
    public static QuadraticFit? Fit(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"{x.Count} x values but {y.Count} y values");
        }
        if (x.Distinct().Count() < 3)
        {
            return null;
        }
        // Centre and scale x (the normal equations of 1, x, x² are badly conditioned for x = ln P near 5-10).
        double mean = x.Average();
        double scale = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / x.Count);
        var m = new double[3, 4];
        for (int i = 0; i < x.Count; i++)
        {
            double u = (x[i] - mean) / scale;
            double[] basis = [1, u, u * u];
            for (int r = 0; r < 3; r++)
            {
                for (int c = 0; c < 3; c++)
                {
                    m[r, c] += basis[r] * basis[c];
                }
                m[r, 3] += basis[r] * y[i];
            }
        }
        var d = SolveSymmetric(m);
        // ŷ = d0 + d1 u + d2 u² with u = (x - mean)/scale, expanded into powers of x.
        double c2 = d[2] / (scale * scale);
        double c1 = d[1] / scale - 2 * d[2] * mean / (scale * scale);
        double c0 = d[0] - d[1] * mean / scale + d[2] * mean * mean / (scale * scale);
        return new QuadraticFit(c0, c1, c2);
    }

    private static double[] SolveSymmetric(double[,] m)
    {
        for (int col = 0; col < 3; col++)
        {
            int pivot = col;
            for (int row = col + 1; row < 3; row++)
            {
                if (Math.Abs(m[row, col]) > Math.Abs(m[pivot, col]))
                {
                    pivot = row;
                }
            }
            for (int j = 0; j < 4; j++)
            {
                (m[col, j], m[pivot, j]) = (m[pivot, j], m[col, j]);
            }
            for (int row = 0; row < 3; row++)
            {
                if (row != col)
                {
                    double f = m[row, col] / m[col, col];
                    for (int j = col; j < 4; j++)
                    {
                        m[row, j] -= f * m[col, j];
                    }
                }
            }
        }
        return [m[0, 3] / m[0, 0], m[1, 3] / m[1, 1], m[2, 3] / m[2, 2]];
    }
}
