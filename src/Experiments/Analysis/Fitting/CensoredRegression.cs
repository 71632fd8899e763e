namespace QGan.MLNet.Experiments.Analysis;

/// <summary>
/// The Tobit likelihood of y_i - v w_i = β·z_i + ε_i, ε ~ N(0, σ²), with some y only known as bounds, maximised over
/// (β, σ) for a given v (<see cref="CensoredLinearFit"/> uses it for the full fit, with v = 0, and for profile
/// likelihoods, where one linear combination of the line is held at v and the rest maximised). A measured y contributes
/// its normal density, an upper bound u contributes P(y &lt;= u) and a lower bound l P(y &gt;= l).
/// <para>
/// Newton's method with step halving in Olsen's (1978) parameters θ = (β/σ, 1/σ), in which the log-likelihood is
/// concave, so the maximum it finds is the unique one.
/// </para>
/// </summary>
internal sealed class CensoredRegression
{
    private readonly double[][] _z;
    private readonly double[] _y;
    private readonly double[] _w;
    private readonly Censoring[] _censoring;
    private readonly int _dimension;
    private readonly double[] _response;

    /// <param name="z">Per point, the k free columns (e.g. 1 and x).</param>
    /// <param name="y">Per point, y or its bound.</param>
    /// <param name="censoring">Per point, how y is known.</param>
    /// <param name="w">Per point, the fixed column whose coefficient is held at v (null: none).</param>
    public CensoredRegression(double[][] z, double[] y, Censoring[] censoring, double[]? w = null)
    {
        _z = z;
        _y = y;
        _censoring = censoring;
        _w = w ?? new double[y.Length];
        _dimension = z.Length == 0 ? 1 : z[0].Length + 1;
        _response = new double[y.Length];
    }

    /// <summary>Measured points (each carries the density's 1/σ).</summary>
    public int Measured => _censoring.Count(c => c == Censoring.None);

    /// <summary>The maximum over θ for the fixed coefficient <paramref name="v"/>.</summary>
    /// <param name="Theta">(β/σ, 1/σ) at the maximum.</param>
    /// <param name="LogLikelihood">ln L at the maximum (+∞ when exact).</param>
    /// <param name="Exact">The supremum lies at σ → 0: a line through every measured point honours every bound.</param>
    public readonly record struct Maximum(double[] Theta, double LogLikelihood, bool Exact);

    /// <summary>
    /// Maximises from <paramref name="start"/> (θ with h = 1/σ &gt; 0). Null when it does not settle on a finite maximum
    /// (a coefficient running away, possible only when bounds alone would have to place the line).
    /// </summary>
    public Maximum? Maximise(double v, double[] start)
    {
        for (int i = 0; i < _y.Length; i++)
        {
            _response[i] = _y[i] - v * _w[i];
        }
        int d = _dimension;
        var theta = (double[])start.Clone();
        double current = Evaluate(theta);
        var gradient = new double[d];
        var hessian = new double[d, d];
        var next = new double[d];
        for (int iteration = 0; iteration < 500; iteration++)
        {
            if (theta[d - 1] > 1e6)
            {
                return new Maximum(theta, double.PositiveInfinity, true);
            }
            for (int i = 0; i < d - 1; i++)
            {
                if (Math.Abs(theta[i]) > 1e9)
                {
                    return null;
                }
            }
            Derivatives(theta, gradient, hessian);
            var step = Solve(hessian, gradient); // H^-1 g; the Newton update is θ - H^-1 g (H negative definite)
            if (step is null)
            {
                return null;
            }
            // The Newton decrement -gᵀH⁻¹g is twice the predicted gain: once it is at the level of rounding in ln L the
            // maximum is reached.
            double decrement = 0;
            for (int i = 0; i < d; i++)
            {
                decrement -= step[i] * gradient[i];
            }
            if (!(decrement > 1e-18 * (1 + Math.Abs(current))))
            {
                return new Maximum(theta, current, false);
            }
            double t = 1;
            bool improved = false;
            for (int halving = 0; halving < 60 && !improved; halving++, t /= 2)
            {
                for (int i = 0; i < d; i++)
                {
                    next[i] = theta[i] - t * step[i];
                }
                if (next[d - 1] > 0 && Evaluate(next) is var value && value >= current)
                {
                    improved = value - current > 1e-14 * (1 + Math.Abs(current));
                    current = value;
                    Array.Copy(next, theta, d);
                    break;
                }
            }
            if (!improved)
            {
                return new Maximum(theta, current, false); // no ascent left within rounding
            }
        }
        return null;
    }

    /// <summary>The Hessian of ln L in θ at <paramref name="theta"/> (for the response of the last <see cref="Maximise"/>).</summary>
    public double[,] Hessian(double[] theta)
    {
        var gradient = new double[_dimension];
        var hessian = new double[_dimension, _dimension];
        Derivatives(theta, gradient, hessian);
        return hessian;
    }

    private double Evaluate(double[] theta)
    {
        int k = _dimension - 1;
        double h = theta[k];
        double ll = 0;
        for (int p = 0; p < _response.Length; p++)
        {
            double fitted = 0;
            for (int j = 0; j < k; j++)
            {
                fitted += theta[j] * _z[p][j];
            }
            double r = h * _response[p] - fitted;
            ll += _censoring[p] switch
            {
                Censoring.None => Math.Log(h) + StandardNormal.LogDensity(r),
                Censoring.Upper => StandardNormal.LogCdf(r),
                _ => StandardNormal.LogCdf(-r),
            };
        }
        return ll;
    }

    private void Derivatives(double[] theta, double[] g, double[,] hess)
    {
        int d = _dimension, k = d - 1;
        Array.Clear(g);
        Array.Clear(hess);
        double h = theta[k];
        Span<double> dz = stackalloc double[d];
        for (int p = 0; p < _response.Length; p++)
        {
            double fitted = 0;
            for (int j = 0; j < k; j++)
            {
                fitted += theta[j] * _z[p][j];
            }
            // r = h y - β·z; dr/dβ = -z, dr/dh = y.
            double r = h * _response[p] - fitted;
            double sign = _censoring[p] == Censoring.Lower ? -1 : 1;
            for (int j = 0; j < k; j++)
            {
                dz[j] = -sign * _z[p][j];
            }
            dz[k] = sign * _response[p];
            double slope, weight;
            if (_censoring[p] == Censoring.None)
            {
                // ln h - r²/2: gradient -r dr, Hessian -dr drᵀ (plus the ln h terms below).
                slope = -r;
                weight = 1;
            }
            else
            {
                // ln Φ(u) with u = ±r: gradient λ(u) du, Hessian -λ(u)(u + λ(u)) du duᵀ.
                double u = sign * r;
                slope = StandardNormal.InverseMillsRatio(u);
                weight = slope * (u + slope);
            }
            for (int i = 0; i < d; i++)
            {
                g[i] += slope * dz[i];
                for (int j = 0; j < d; j++)
                {
                    hess[i, j] -= weight * dz[i] * dz[j];
                }
            }
            if (_censoring[p] == Censoring.None)
            {
                g[k] += 1 / h;
                hess[k, k] -= 1 / (h * h);
            }
        }
    }

    /// <summary>x with H x = g (Gaussian elimination with partial pivoting); null when H is singular.</summary>
    internal static double[]? Solve(double[,] hess, double[] g)
    {
        int d = g.Length;
        var m = new double[d, d + 1];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                m[i, j] = hess[i, j];
            }
            m[i, d] = g[i];
        }
        for (int col = 0; col < d; col++)
        {
            int pivot = col;
            for (int row = col + 1; row < d; row++)
            {
                if (Math.Abs(m[row, col]) > Math.Abs(m[pivot, col]))
                {
                    pivot = row;
                }
            }
            if (!(Math.Abs(m[pivot, col]) > 1e-300))
            {
                return null;
            }
            for (int j = 0; j <= d; j++)
            {
                (m[col, j], m[pivot, j]) = (m[pivot, j], m[col, j]);
            }
            for (int row = 0; row < d; row++)
            {
                if (row == col)
                {
                    continue;
                }
                double f = m[row, col] / m[col, col];
                for (int j = col; j <= d; j++)
                {
                    m[row, j] -= f * m[col, j];
                }
            }
        }
        var x = new double[d];
        for (int i = 0; i < d; i++)
        {
            x[i] = m[i, d] / m[i, i];
        }
        return x;
    }
}
