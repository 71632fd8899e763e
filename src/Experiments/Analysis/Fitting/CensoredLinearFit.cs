namespace QGan.MLNet.Experiments.Analysis;

/// <summary>How a law-fit observation constrains the unknown y.</summary>
public enum Censoring
{
    /// <summary>y is measured.</summary>
    None,

    /// <summary>Only an upper bound is known: y &lt;= the value (e.g. matched at or below the grid's smallest point).</summary>
    Upper,

    /// <summary>Only a lower bound is known: y &gt;= the value (e.g. not reached by the grid's largest point).</summary>
    Lower,
}

/// <summary>One observation of a law fit: x, y (or its bound) and how it is censored.</summary>
public sealed record CensoredPoint(double X, double Y, Censoring Censoring);

/// <summary>
/// Maximum-likelihood fit of y = a + b x + ε, ε ~ N(0, σ²), where some y are only known as bounds (a Tobit model,
/// Tobin 1958): a measured y contributes its normal density, an upper bound u contributes P(y &lt;= u) = Φ((u - a - b x)/σ)
/// and a lower bound l contributes P(y &gt;= l). Without censored points it is ordinary least squares (σ² = RSS/n).
/// <para>
/// The log-likelihood is concave in Olsen's (1978) parameters (a/σ, b/σ, 1/σ), so Newton's method with step halving
/// finds the unique maximum. With k = 3 parameters, AIC = 2k - 2 ln L and AICc = AIC + 2k(k+1)/(n-k-1) (n &gt; 4).
/// When a line passes exactly through every measured point and satisfies every bound, the likelihood grows without
/// limit as σ → 0: the fit is <see cref="Exact"/> (σ = 0, no likelihood, no AIC).
/// </para>
/// </summary>
public sealed record CensoredLinearFit(
    int N, int Measured, double A, double B, double Sigma, double? LogLikelihood, double? R2, bool Exact)
{
    /// <summary>a, b and σ.</summary>
    public const int ParameterCount = 3;

    public double Predict(double x) => A + B * x;

    /// <summary>AIC = 2k - 2 ln L; null for an exact fit.</summary>
    public double? Aic => LogLikelihood is double ll ? 2 * ParameterCount - 2 * ll : null;

    /// <summary>The small-sample AIC; defined for n &gt; k + 1 = 4 points.</summary>
    public double? Aicc => Aic is double aic && N > ParameterCount + 1 ? aic + 2.0 * ParameterCount * (ParameterCount + 1) / (N - ParameterCount - 1) : null;

    /// <summary>
    /// The fit, or null when the data do not determine a line: fewer than 2 measured points with distinct x, or no
    /// finite maximum (possible only when bounds alone would have to place the line).
    /// </summary>
    public static CensoredLinearFit? Fit(IReadOnlyList<CensoredPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Any(p => !double.IsFinite(p.X) || !double.IsFinite(p.Y)))
        {
            throw new ArgumentException("law-fit points must be finite");
        }
        var measured = points.Where(p => p.Censoring == Censoring.None).ToList();
        if (measured.Select(p => p.X).Distinct().Count() < 2)
        {
            return null;
        }
        // Standardise x and y so that one Newton tolerance fits every law (x = Q spans hundreds, x = ln Q a few units).
        double xMean = points.Average(p => p.X), yMean = measured.Average(p => p.Y);
        double xScale = Scale(points.Select(p => p.X), xMean), yScale = Scale(measured.Select(p => p.Y), yMean);
        var std = points.Select(p => new CensoredPoint((p.X - xMean) / xScale, (p.Y - yMean) / yScale, p.Censoring)).ToList();
        var ols = LeastSquares(std.Where(p => p.Censoring == Censoring.None).ToList());

        if (ExactLineSatisfiesBounds(std, ols))
        {
            var (ea, eb) = Unscale(ols.A, ols.B, xMean, xScale, yMean, yScale);
            return new CensoredLinearFit(points.Count, measured.Count, ea, eb, 0, null, NullIfNaN(RSquared(points, ea, eb)), true);
        }
        if (Maximise(std, ols) is not { } maximum)
        {
            return null;
        }
        var (alpha, beta, h, exact) = maximum;
        var (a, b) = Unscale(alpha / h, beta / h, xMean, xScale, yMean, yScale);
        double? r2 = NullIfNaN(RSquared(points, a, b));
        if (exact)
        {
            return new CensoredLinearFit(points.Count, measured.Count, a, b, 0, null, r2, true);
        }
        // The likelihood of y, not of the standardised y / yScale: each measured density carries 1 / yScale.
        double logLikelihood = Evaluate(std, alpha, beta, h) - measured.Count * Math.Log(yScale);
        return new CensoredLinearFit(points.Count, measured.Count, a, b, yScale / h, logLikelihood, r2, false);
    }

    private static double? NullIfNaN(double v) => double.IsNaN(v) ? null : v;

    /// <summary>1 - RSS/TSS over the measured points about the fitted line (null when they all have the same y).</summary>
    private static double RSquared(IReadOnlyList<CensoredPoint> points, double a, double b)
    {
        var measured = points.Where(p => p.Censoring == Censoring.None).ToList();
        double mean = measured.Average(p => p.Y);
        double tss = measured.Sum(p => (p.Y - mean) * (p.Y - mean));
        double rss = measured.Sum(p => (p.Y - a - b * p.X) * (p.Y - a - b * p.X));
        return tss > 0 ? 1 - rss / tss : double.NaN;
    }

    private static double Scale(IEnumerable<double> values, double mean)
    {
        var list = values.ToList();
        double sd = Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / list.Count);
        return sd > 0 ? sd : 1;
    }

    private static (double A, double B) Unscale(double a, double b, double xMean, double xScale, double yMean, double yScale)
    {
        // y/ys - ym/ys = a + b (x - xm)/xs  =>  y = ym + ys a - ys b xm / xs + (ys b / xs) x.
        double slope = yScale * b / xScale;
        return (yMean + yScale * a - slope * xMean, slope);
    }

    private readonly record struct Ols(double A, double B, double Rss, double Tss);

    private static Ols LeastSquares(List<CensoredPoint> measured)
    {
        double xm = measured.Average(p => p.X), ym = measured.Average(p => p.Y);
        double sxx = measured.Sum(p => (p.X - xm) * (p.X - xm)), sxy = measured.Sum(p => (p.X - xm) * (p.Y - ym));
        double b = sxy / sxx, a = ym - b * xm;
        double rss = measured.Sum(p => (p.Y - a - b * p.X) * (p.Y - a - b * p.X));
        double tss = measured.Sum(p => (p.Y - ym) * (p.Y - ym));
        return new Ols(a, b, rss, tss);
    }

    /// <summary>The likelihood is unbounded when the least-squares line is exact on the measured points and honours every bound.</summary>
    private static bool ExactLineSatisfiesBounds(List<CensoredPoint> std, Ols ols)
    {
        // Standardised y has unit spread, so 1e-24 is a residual sum of squares at the level of rounding.
        if (ols.Rss > 1e-24 * Math.Max(1, ols.Tss))
        {
            return false;
        }
        return std.All(p => p.Censoring switch
        {
            Censoring.Upper => ols.A + ols.B * p.X <= p.Y + 1e-12,
            Censoring.Lower => ols.A + ols.B * p.X >= p.Y - 1e-12,
            _ => true,
        });
    }

    private static double Evaluate(List<CensoredPoint> points, double alpha, double beta, double h)
    {
        double ll = 0;
        foreach (var p in points)
        {
            switch (p.Censoring)
            {
                case Censoring.None:
                    double r = h * p.Y - alpha - beta * p.X;
                    ll += Math.Log(h) + StandardNormal.LogDensity(r);
                    break;
                case Censoring.Upper:
                    ll += StandardNormal.LogCdf(h * p.Y - alpha - beta * p.X);
                    break;
                default:
                    ll += StandardNormal.LogCdf(alpha + beta * p.X - h * p.Y);
                    break;
            }
        }
        return ll;
    }

    /// <summary>
    /// Newton's method on the concave log-likelihood in θ = (α, β, h) = (a/σ, b/σ, 1/σ). Returns null when it does not
    /// settle on a finite maximum (a coefficient running away); <c>Exact</c> when σ shrinks below 1e-6 of the spread of
    /// y, i.e. the supremum lies at σ → 0.
    /// </summary>
    private static (double Alpha, double Beta, double H, bool Exact)? Maximise(List<CensoredPoint> points, Ols ols)
    {
        double sigma0 = Math.Sqrt(Math.Max(ols.Rss / points.Count(p => p.Censoring == Censoring.None), 0.01));
        double[] theta = [ols.A / sigma0, ols.B / sigma0, 1 / sigma0];
        double current = Evaluate(points, theta[0], theta[1], theta[2]);
        var gradient = new double[3];
        var hessian = new double[3, 3];
        var next = new double[3];
        for (int iteration = 0; iteration < 500; iteration++)
        {
            if (theta[2] > 1e6)
            {
                return (theta[0], theta[1], theta[2], true);
            }
            if (Math.Abs(theta[0]) > 1e9 || Math.Abs(theta[1]) > 1e9)
            {
                return null;
            }
            Derivatives(points, theta, gradient, hessian);
            var step = Solve(hessian, gradient); // H^-1 g; the Newton update is θ - H^-1 g (H negative definite)
            if (step is null)
            {
                return null;
            }
            // The Newton decrement -gᵀH⁻¹g is twice the predicted gain: once it is at the level of rounding in ln L the
            // maximum is reached.
            double decrement = -(step[0] * gradient[0] + step[1] * gradient[1] + step[2] * gradient[2]);
            if (!(decrement > 1e-18 * (1 + Math.Abs(current))))
            {
                return (theta[0], theta[1], theta[2], false);
            }
            double t = 1;
            bool improved = false;
            for (int halving = 0; halving < 60 && !improved; halving++, t /= 2)
            {
                for (int i = 0; i < 3; i++)
                {
                    next[i] = theta[i] - t * step[i];
                }
                if (next[2] > 0 && Evaluate(points, next[0], next[1], next[2]) is var value && value >= current)
                {
                    improved = value - current > 1e-14 * (1 + Math.Abs(current));
                    current = value;
                    Array.Copy(next, theta, 3);
                    break;
                }
            }
            if (!improved)
            {
                return (theta[0], theta[1], theta[2], false); // no ascent left within rounding
            }
        }
        return null;
    }

    private static void Derivatives(List<CensoredPoint> points, double[] theta, double[] g, double[,] hess)
    {
        Array.Clear(g);
        Array.Clear(hess);
        double alpha = theta[0], beta = theta[1], h = theta[2];
        Span<double> dz = stackalloc double[3];
        foreach (var p in points)
        {
            double weight;
            double slope;
            switch (p.Censoring)
            {
                case Censoring.None:
                    // ln h - r²/2 with r = h y - α - β x: dr = (-1, -x, y); gradient -r dr, Hessian -dr drᵀ.
                    double r = h * p.Y - alpha - beta * p.X;
                    dz[0] = -1; dz[1] = -p.X; dz[2] = p.Y;
                    slope = -r;
                    weight = 1;
                    break;
                case Censoring.Upper:
                    double zu = h * p.Y - alpha - beta * p.X;
                    dz[0] = -1; dz[1] = -p.X; dz[2] = p.Y;
                    slope = StandardNormal.InverseMillsRatio(zu);
                    weight = slope * (zu + slope); // -(d²/dz²) ln Φ(z) = λ(z)(z + λ(z)) > 0
                    break;
                default:
                    double zl = alpha + beta * p.X - h * p.Y;
                    dz[0] = 1; dz[1] = p.X; dz[2] = -p.Y;
                    slope = StandardNormal.InverseMillsRatio(zl);
                    weight = slope * (zl + slope);
                    break;
            }
            for (int i = 0; i < 3; i++)
            {
                g[i] += slope * dz[i];
                for (int j = 0; j < 3; j++)
                {
                    hess[i, j] -= weight * dz[i] * dz[j];
                }
            }
            if (p.Censoring == Censoring.None)
            {
                g[2] += 1 / h;
                hess[2, 2] -= 1 / (h * h);
            }
        }
    }

    /// <summary>x with H x = g (3x3, Gaussian elimination with partial pivoting); null when H is singular.</summary>
    private static double[]? Solve(double[,] hess, double[] g)
    {
        var m = new double[3, 4];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                m[i, j] = hess[i, j];
            }
            m[i, 3] = g[i];
        }
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
            if (!(Math.Abs(m[pivot, col]) > 1e-300))
            {
                return null;
            }
            for (int j = 0; j < 4; j++)
            {
                (m[col, j], m[pivot, j]) = (m[pivot, j], m[col, j]);
            }
            for (int row = 0; row < 3; row++)
            {
                if (row == col)
                {
                    continue;
                }
                double f = m[row, col] / m[col, col];
                for (int j = col; j < 4; j++)
                {
                    m[row, j] -= f * m[col, j];
                }
            }
        }
        return [m[0, 3] / m[0, 0], m[1, 3] / m[1, 1], m[2, 3] / m[2, 2]];
    }
}
