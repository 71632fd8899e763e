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
/// finds the unique maximum (<see cref="CensoredRegression"/>). With k = 3 parameters, AIC = 2k - 2 ln L and
/// AICc = AIC + 2k(k+1)/(n-k-1) (n &gt; 4). When a line passes exactly through every measured point and satisfies every
/// bound, the likelihood grows without limit as σ → 0: the fit is <see cref="Exact"/> (σ = 0, no likelihood, no AIC).
/// </para>
/// <para>
/// Intervals (<see cref="SlopeInterval"/>, <see cref="ValueInterval"/>) are profile-likelihood intervals with the
/// small-sample threshold that makes them exact for uncensored normal errors: {v : 2 (ln L̂ - ln L_p(v)) &lt;=
/// n ln(1 + t²/(n - 2))}, t the Student quantile with n - 2 degrees of freedom. Without bounds this is the textbook
/// t interval of least squares (ln L_p(v) = -n/2 ln RSS(v) + const and RSS(v)/RSS = 1 + T²/(n - 2)); with bounds the
/// profile carries their information and the threshold keeps the t calibration.
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
        if (Standardised.From(points) is not { } s)
        {
            return null;
        }
        if (s.ExactLineSatisfiesBounds())
        {
            var (ea, eb) = s.Unscale(s.Ols.A, s.Ols.B);
            return new CensoredLinearFit(points.Count, s.Measured, ea, eb, 0, null, NullIfNaN(RSquared(points, ea, eb)), true);
        }
        if (s.Maximum() is not { } maximum)
        {
            return null;
        }
        double alpha = maximum.Theta[0], beta = maximum.Theta[1], h = maximum.Theta[2];
        var (a, b) = s.Unscale(alpha / h, beta / h);
        double? r2 = NullIfNaN(RSquared(points, a, b));
        if (maximum.Exact)
        {
            return new CensoredLinearFit(points.Count, s.Measured, a, b, 0, null, r2, true);
        }
        // The likelihood of y, not of the standardised y / yScale: each measured density carries 1 / yScale.
        double logLikelihood = maximum.LogLikelihood - s.Measured * Math.Log(s.YScale);
        return new CensoredLinearFit(points.Count, s.Measured, a, b, s.YScale / h, logLikelihood, r2, false);
    }

    /// <summary>
    /// The profile-likelihood interval of the slope b at <paramref name="confidence"/> (class summary), from the
    /// <paramref name="points"/> this fit was made from. Null for an exact fit or fewer than 3 points (no degrees of
    /// freedom for σ); an end the likelihood does not close is infinite.
    /// </summary>
    public double[]? SlopeInterval(IReadOnlyList<CensoredPoint> points, double confidence) =>
        SlopeInterval(points, confidence, N);

    /// <summary>
    /// The profile-likelihood interval of the line's value a + b <paramref name="x"/> (at x = 0: the intercept a),
    /// as <see cref="SlopeInterval(IReadOnlyList{CensoredPoint}, double)"/>.
    /// </summary>
    public double[]? ValueInterval(IReadOnlyList<CensoredPoint> points, double x, double confidence) =>
        ValueInterval(points, x, confidence, N);

    /// <param name="sampleSize">The n of the threshold n ln(1 + t²_{n-2}/(n-2)).</param>
    internal double[]? SlopeInterval(IReadOnlyList<CensoredPoint> points, double confidence, int sampleSize)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (Standardised.From(points) is not { } s || Threshold(confidence, sampleSize) is not double threshold || Exact || LogLikelihood is null)
        {
            return null;
        }
        // ln L_p(v) with the slope (standardised units) held at v: y - v x = α' + ε.
        var profile = new CensoredRegression(s.Ones(), s.Y, s.Censoring, s.X);
        double slope = B * s.XScale / s.YScale;
        var interval = Profile(profile, s.StdLogLikelihood(LogLikelihood.Value), slope, threshold, [(A - s.YMean + B * s.XMean) / Sigma, s.YScale / Sigma]);
        return interval is null ? null : [.. interval.Select(v => v * s.YScale / s.XScale)];
    }

    internal double[]? ValueInterval(IReadOnlyList<CensoredPoint> points, double x, double confidence, int sampleSize)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (Standardised.From(points) is not { } s || Threshold(confidence, sampleSize) is not double threshold || Exact || LogLikelihood is null)
        {
            return null;
        }
        // ln L_p(v) with the line's value at x (standardised units) held at v: y - v = β' (x - x0) + ε.
        double x0 = (x - s.XMean) / s.XScale;
        var profile = new CensoredRegression([.. s.X.Select(v => new[] { v - x0 })], s.Y, s.Censoring, [.. s.X.Select(_ => 1.0)]);
        double value = (Predict(x) - s.YMean) / s.YScale;
        var interval = Profile(profile, s.StdLogLikelihood(LogLikelihood.Value), value, threshold, [B * s.XScale / Sigma, s.YScale / Sigma]);
        return interval is null ? null : [.. interval.Select(v => s.YMean + v * s.YScale)];
    }

    /// <summary>
    /// Var(b̂) / σ² from the inverse observed information at the maximum (the OLS 1 / Sxx without bounds): how much
    /// slope variance one unit of residual variance brings. Null for an exact fit.
    /// </summary>
    internal double? SlopeVariancePerResidualVariance(IReadOnlyList<CensoredPoint> points)
    {
        if (Exact || Standardised.From(points) is not { } s)
        {
            return null;
        }
        double h = s.YScale / Sigma, alpha = (A - s.YMean + B * s.XMean) / Sigma, beta = B * s.XScale / Sigma;
        var regression = new CensoredRegression([.. s.X.Select(v => new[] { 1.0, v })], s.Y, s.Censoring);
        regression.Maximise(0, [alpha, beta, h]); // sets the response; starts at the maximum
        var hessian = regression.Hessian([alpha, beta, h]);
        // Cov(θ) = (-H)⁻¹; b_std = β / h, so Var(b_std) = J Cov Jᵀ with J = (0, 1/h, -β/h²).
        double[] j = [0, 1 / h, -beta / (h * h)];
        var negative = new double[3, 3];
        for (int r = 0; r < 3; r++)
        {
            for (int c = 0; c < 3; c++)
            {
                negative[r, c] = -hessian[r, c];
            }
        }
        if (CensoredRegression.Solve(negative, j) is not { } covJ)
        {
            return null;
        }
        double variance = j[0] * covJ[0] + j[1] * covJ[1] + j[2] * covJ[2];
        double sigmaStd = 1 / h;
        return variance / (sigmaStd * sigmaStd) / (s.XScale * s.XScale);
    }

    /// <summary>n ln(1 + t²/(n - 2)) for the two-sided <paramref name="confidence"/>; null for n &lt; 3.</summary>
    internal static double? Threshold(double confidence, int sampleSize)
    {
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "the confidence must lie strictly between 0 and 1");
        }
        if (sampleSize < 3)
        {
            return null;
        }
        int df = sampleSize - 2;
        double t = StudentT.Quantile(0.5 + confidence / 2, df);
        return sampleSize * Math.Log(1 + t * t / df);
    }

    /// <summary>
    /// Both ends of {v : 2 (ln L̂ - ln L_p(v)) &lt;= threshold} around the maximum at <paramref name="center"/>: step
    /// outward (doubling) until the deviance exceeds the threshold, then bisect. The profile is unimodal (the
    /// likelihood is concave in Olsen's parameters), so each side has one crossing.
    /// </summary>
    private static double[]? Profile(CensoredRegression profile, double maximum, double center, double threshold, double[] start)
    {
        var interval = new double[2];
        for (int side = 0; side < 2; side++)
        {
            double direction = side == 0 ? -1 : 1;
            var theta = (double[])start.Clone();
            double Deviance(double v)
            {
                if (profile.Maximise(v, theta) is not { } m)
                {
                    return double.NaN;
                }
                if (m.Exact)
                {
                    return double.NegativeInfinity;
                }
                Array.Copy(m.Theta, theta, theta.Length);
                return 2 * (maximum - m.LogLikelihood);
            }
            double step = 0.1 * (1 + Math.Abs(center)), inside = center, outside = double.NaN;
            for (int k = 0; k < 80; k++, step *= 2)
            {
                double v = center + direction * step;
                double deviance = Deviance(v);
                if (double.IsNaN(deviance))
                {
                    return null;
                }
                if (deviance > threshold)
                {
                    outside = v;
                    break;
                }
                inside = v;
            }
            if (double.IsNaN(outside))
            {
                interval[side] = direction * double.PositiveInfinity;
                continue;
            }
            for (int k = 0; k < 100 && Math.Abs(outside - inside) > 1e-12 * (1 + Math.Abs(center)); k++)
            {
                double mid = 0.5 * (inside + outside);
                double deviance = Deviance(mid);
                if (double.IsNaN(deviance))
                {
                    return null;
                }
                if (deviance > threshold)
                {
                    outside = mid;
                }
                else
                {
                    inside = mid;
                }
            }
            interval[side] = 0.5 * (inside + outside);
        }
        return interval;
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

    private readonly record struct Ols(double A, double B, double Rss, double Tss);

    /// <summary>
    /// The points with x and y standardised (x by all points, y by the measured ones), so that one Newton tolerance
    /// fits every law (x = Q spans hundreds, x = ln Q a few units).
    /// </summary>
    private sealed class Standardised
    {
        public required double XMean { get; init; }
        public required double XScale { get; init; }
        public required double YMean { get; init; }
        public required double YScale { get; init; }
        public required double[] X { get; init; }
        public required double[] Y { get; init; }
        public required Censoring[] Censoring { get; init; }
        public required int Measured { get; init; }
        public required Ols Ols { get; init; }

        public static Standardised? From(IReadOnlyList<CensoredPoint> points)
        {
            if (points.Any(p => !double.IsFinite(p.X) || !double.IsFinite(p.Y)))
            {
                throw new ArgumentException("law-fit points must be finite");
            }
            var measured = points.Where(p => p.Censoring == Analysis.Censoring.None).ToList();
            if (measured.Select(p => p.X).Distinct().Count() < 2)
            {
                return null;
            }
            double xMean = points.Average(p => p.X), yMean = measured.Average(p => p.Y);
            double xScale = Scale(points.Select(p => p.X), xMean), yScale = Scale(measured.Select(p => p.Y), yMean);
            var x = points.Select(p => (p.X - xMean) / xScale).ToArray();
            var y = points.Select(p => (p.Y - yMean) / yScale).ToArray();
            var censoring = points.Select(p => p.Censoring).ToArray();
            return new Standardised
            {
                XMean = xMean, XScale = xScale, YMean = yMean, YScale = yScale, X = x, Y = y, Censoring = censoring,
                Measured = measured.Count, Ols = LeastSquares(x, y, censoring),
            };
        }

        public double[][] Ones() => [.. X.Select(_ => new[] { 1.0 })];

        /// <summary>The maximum in θ = (α, β, h) from the least-squares start.</summary>
        public CensoredRegression.Maximum? Maximum()
        {
            double sigma0 = Math.Sqrt(Math.Max(Ols.Rss / Measured, 0.01));
            var regression = new CensoredRegression([.. X.Select(v => new[] { 1.0, v })], Y, Censoring);
            return regression.Maximise(0, [Ols.A / sigma0, Ols.B / sigma0, 1 / sigma0]);
        }

        /// <summary>ln L of the standardised y from ln L of y.</summary>
        public double StdLogLikelihood(double logLikelihood) => logLikelihood + Measured * Math.Log(YScale);

        public (double A, double B) Unscale(double a, double b)
        {
            // y/ys - ym/ys = a + b (x - xm)/xs  =>  y = ym + ys a - ys b xm / xs + (ys b / xs) x.
            double slope = YScale * b / XScale;
            return (YMean + YScale * a - slope * XMean, slope);
        }

        /// <summary>The likelihood is unbounded when the least-squares line is exact on the measured points and honours every bound.</summary>
        public bool ExactLineSatisfiesBounds()
        {
            // Standardised y has unit spread, so 1e-24 is a residual sum of squares at the level of rounding.
            if (Ols.Rss > 1e-24 * Math.Max(1, Ols.Tss))
            {
                return false;
            }
            for (int i = 0; i < X.Length; i++)
            {
                double fitted = Ols.A + Ols.B * X[i];
                if ((Censoring[i] == Analysis.Censoring.Upper && fitted > Y[i] + 1e-12) || (Censoring[i] == Analysis.Censoring.Lower && fitted < Y[i] - 1e-12))
                {
                    return false;
                }
            }
            return true;
        }

        private static double Scale(IEnumerable<double> values, double mean)
        {
            var list = values.ToList();
            double sd = Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / list.Count);
            return sd > 0 ? sd : 1;
        }

        private static Ols LeastSquares(double[] x, double[] y, Censoring[] censoring)
        {
            var idx = Enumerable.Range(0, x.Length).Where(i => censoring[i] == Analysis.Censoring.None).ToList();
            double xm = idx.Average(i => x[i]), ym = idx.Average(i => y[i]);
            double sxx = idx.Sum(i => (x[i] - xm) * (x[i] - xm)), sxy = idx.Sum(i => (x[i] - xm) * (y[i] - ym));
            double b = sxy / sxx, a = ym - b * xm;
            double rss = idx.Sum(i => (y[i] - a - b * x[i]) * (y[i] - a - b * x[i]));
            double tss = idx.Sum(i => (y[i] - ym) * (y[i] - ym));
            return new Ols(a, b, rss, tss);
        }
    }
}
