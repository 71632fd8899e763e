using QGan.MLNet.Experiments.Analysis;

namespace QGan.MLNet.Experiments.Tests.Analysis;

/// <summary>The numerical building blocks of the inference against closed forms and independent computations.</summary>
public sealed class FittingTests
{
    [Theory]
    // Reference: 0.5 erfc(-z / sqrt 2) (Python's math.erfc); ln Φ(-40) from the asymptotic Mills-ratio series to 7 terms.
    [InlineData(-1, 0.15865525393145707, -1.8410216450092634)]
    [InlineData(1.96, 0.9750021048517795, -0.025315649164282163)]
    [InlineData(-2.9, 0.0018658133003840384, -6.284058234947419)]
    [InlineData(-3.5, 0.00023262907903552504, -8.366065308344092)]
    [InlineData(3.5, 0.9997673709209645, -0.0002326561413768196)]
    [InlineData(-5, 2.866515718791946e-07, -15.064998393988724)]
    [InlineData(-10, 7.619853024160593e-24, -53.23128515051246)]
    public void Standard_normal_cdf_and_its_log_are_exact_in_both_tails(double z, double cdf, double logCdf)
    {
        Assert.Equal(cdf, StandardNormal.Cdf(z), cdf * 1e-13);
        Assert.Equal(logCdf, StandardNormal.LogCdf(z), Math.Abs(logCdf) * 1e-13);
        Assert.Equal(StandardNormal.Density(z) / cdf, StandardNormal.InverseMillsRatio(z), StandardNormal.Density(z) / cdf * 1e-12);
    }

    [Fact]
    public void Log_cdf_stays_finite_far_below_underflow()
    {
        Assert.Equal(0, StandardNormal.Cdf(-40)); // underflows
        Assert.Equal(-804.6084420137538, StandardNormal.LogCdf(-40), 1e-10);
        Assert.Equal(40.02497, StandardNormal.InverseMillsRatio(-40), 1e-4); // ≈ x + 1/x for large x
    }

    [Fact]
    public void Without_bounds_the_censored_fit_is_ordinary_least_squares()
    {
        // x = 0, 1, 2, 3; y = 1, 2, 2, 4: b = Sxy / Sxx = 4.5 / 5 = 0.9, a = 2.25 - 0.9 * 1.5 = 0.9; RSS = 0.7,
        // σ² = RSS / n = 0.175, ln L = -n/2 (ln(2π σ²) + 1) = -2.189815522701445; R² = 1 - 0.7 / 4.75.
        var fit = CensoredLinearFit.Fit([.. new[] { (0.0, 1.0), (1, 2), (2, 2), (3, 4) }.Select(p => new CensoredPoint(p.Item1, p.Item2, Censoring.None))])!;
        Assert.Equal(0.9, fit.A, 10);
        Assert.Equal(0.9, fit.B, 10);
        Assert.Equal(Math.Sqrt(0.175), fit.Sigma, 9);
        Assert.Equal(-2.189815522701445, fit.LogLikelihood!.Value, 9);
        Assert.Equal(6 + 2 * 2.189815522701445, fit.Aic!.Value, 8);
        Assert.Null(fit.Aicc); // n = 4 = k + 1: undefined
        Assert.Equal(1 - 0.7 / 4.75, fit.R2!.Value, 10);
        Assert.False(fit.Exact);
    }

    [Fact]
    public void Aicc_adds_the_small_sample_term_from_five_points()
    {
        var fit = CensoredLinearFit.Fit([.. new[] { 1.0, 2.1, 2.9, 4.2, 4.8 }.Select((y, i) => new CensoredPoint(i, y, Censoring.None))])!;
        // AICc = AIC + 2k(k+1)/(n-k-1) = AIC + 24 / 1.
        Assert.Equal(fit.Aic!.Value + 24, fit.Aicc!.Value, 12);
    }

    [Fact]
    public void Bounds_enter_the_likelihood_and_match_an_independent_maximisation()
    {
        // Four measured points and two binding bounds (y5 <= 4.5 below the trend, y6 >= 6.5 above it). Reference:
        // Nelder-Mead on (a, b, ln σ) of the same likelihood written with Python's math.erfc, restarted to convergence.
        CensoredPoint[] points =
        [
            new(1, 1.1, Censoring.None), new(2, 1.9, Censoring.None), new(3, 3.2, Censoring.None), new(4, 3.9, Censoring.None),
            new(5, 4.5, Censoring.Upper), new(6, 6.5, Censoring.Lower),
        ];
        var fit = CensoredLinearFit.Fit(points)!;
        Assert.Equal(-0.085810777848, fit.A, 6);
        Assert.Equal(1.030781680475, fit.B, 6);
        Assert.Equal(0.443195826464, fit.Sigma, 6);
        Assert.Equal(-4.642722760856, fit.LogLikelihood!.Value, 7);
        Assert.Equal(6, fit.N);
        Assert.Equal(4, fit.Measured);

        // Dropping the bounds changes the answer (they are information, not decoration): OLS on the four points gives
        // b = Sxy / Sxx = 4.85 / 5 = 0.97.
        var measuredOnly = CensoredLinearFit.Fit(points[..4])!;
        Assert.Equal(0.97, measuredOnly.B, 10);
        Assert.NotEqual(measuredOnly.B, fit.B, 3);
    }

    [Fact]
    public void A_slack_bound_barely_moves_the_fit_and_an_exact_line_inside_the_bounds_is_flagged()
    {
        // y <= 100 at x = 5 is far above the line: its probability is 1 to rounding, so the fit is the OLS fit.
        CensoredPoint[] points = [new(0, 1, Censoring.None), new(1, 2, Censoring.None), new(2, 2, Censoring.None), new(3, 4, Censoring.None), new(5, 100, Censoring.Upper)];
        var fit = CensoredLinearFit.Fit(points)!;
        Assert.Equal(0.9, fit.A, 9);
        Assert.Equal(0.9, fit.B, 9);

        // Two measured points and a bound the line through them honours: the likelihood is unbounded as σ → 0.
        var exact = CensoredLinearFit.Fit([new(0, 1, Censoring.None), new(1, 2, Censoring.None), new(3, 10, Censoring.Upper)])!;
        Assert.True(exact.Exact);
        Assert.Null(exact.Aic);
        Assert.Equal(1, exact.B, 10);
        // The same two points with a violated bound: now σ > 0 and the line bends toward the bound.
        var bent = CensoredLinearFit.Fit([new(0, 1, Censoring.None), new(1, 2, Censoring.None), new(3, 2, Censoring.Upper)])!;
        Assert.False(bent.Exact);
        Assert.True(bent.B < 1);
        Assert.True(bent.Sigma > 0);
    }

    [Fact]
    public void Undetermined_fits_are_null()
    {
        Assert.Null(CensoredLinearFit.Fit([new(1, 2, Censoring.None), new(3, 5, Censoring.Upper)]));
        Assert.Null(CensoredLinearFit.Fit([new(2, 1, Censoring.None), new(2, 3, Censoring.None)]));
    }

    [Fact]
    public void Isotonic_regression_pools_adjacent_violators_with_weights()
    {
        // Non-increasing fit of y = 10, 12 (x = 1, weights 1, 1), 8 (x = 2), 9 (x = 3), 4 (x = 4):
        // x = 1 mean 11; x = 2 gives 8 < 11 fine; x = 3 gives 9 > 8: pool (8 + 9) / 2 = 8.5; x = 4 gives 4.
        var levels = IsotonicRegression.NonIncreasing([(1, 10.0), (1, 12), (2, 8), (3, 9), (4, 4)]);
        Assert.Equal([1.0, 2, 3, 4], levels.Select(l => l.X));
        Assert.Equal([11.0, 8.5, 8.5, 4], levels.Select(l => l.Fitted));
        Assert.Equal([2.0, 1, 1, 1], levels.Select(l => l.Weight));
        // A violation that spans back: 5, 4, 6 (weights 1, 1, 2) -> (5 + 4 + 12) / 4 = 5.25 everywhere.
        var pooled = IsotonicRegression.NonIncreasing([(1, 5.0), (2, 4), (3, 6)], [1, 1, 2]);
        Assert.All(pooled, l => Assert.Equal(5.25, l.Fitted, 12));

        // Inversion: first x where the linear interpolation reaches the target.
        Assert.Equal(1, IsotonicRegression.FirstReaching(levels, 11.5));    // already below at the first level
        Assert.Equal(1.4, IsotonicRegression.FirstReaching(levels, 10)!.Value, 12); // 11 -> 8.5: t = 1 / 2.5
        Assert.Equal(2, IsotonicRegression.FirstReaching(levels, 8.5)!.Value, 12);   // flat block: its first x
        Assert.Null(IsotonicRegression.FirstReaching(levels, 3.9));
    }

    [Fact]
    public void Quadratic_fit_recovers_a_parabola_and_its_vertex()
    {
        // y = 2 (x - 7)² + 3 at x = 5..9 (ln P range) plus a second seed offset by ±0.1 (cancels in the mean).
        var x = new List<double>();
        var y = new List<double>();
        foreach (var xi in new[] { 5.0, 6, 7, 8, 9 })
        {
            x.Add(xi); y.Add(2 * (xi - 7) * (xi - 7) + 3.1);
            x.Add(xi); y.Add(2 * (xi - 7) * (xi - 7) + 2.9);
        }
        var fit = QuadraticFit.Fit(x, y)!;
        Assert.Equal(2, fit.C2, 9);
        Assert.Equal(-28, fit.C1, 8);
        Assert.Equal(101, fit.C0, 7);
        Assert.Equal(7, fit.Vertex!.Value, 9);
        Assert.Null(new QuadraticFit(1, 1, -1).Vertex);
        Assert.Null(QuadraticFit.Fit([1.0, 2, 1, 2], [1.0, 2, 3, 4]));
    }

    [Fact]
    public void Percentiles_interpolate_between_order_statistics_and_keep_censored_ends_unbounded()
    {
        // numpy.percentile([1, 2, 3, 4], [5, 95]) = [1.15, 3.85].
        Assert.Equal([1.15, 3.85], Percentile.Interval([4.0, 1, 3, 2], 0.9).Select(v => Math.Round(v, 12)));
        // One of 20 replicates censored below the grid (-∞): the 2.5 % quantile lies between it and the next value.
        var values = Enumerable.Range(1, 19).Select(i => (double)i).Append(double.NegativeInfinity).ToList();
        var interval = Percentile.Interval(values, 0.95);
        Assert.True(double.IsNegativeInfinity(interval[0]));
        Assert.Equal(18.525, interval[1], 12);
        Assert.Equal(double.PositiveInfinity, Percentile.Of([1.0, double.PositiveInfinity], 0.5));
    }
}
