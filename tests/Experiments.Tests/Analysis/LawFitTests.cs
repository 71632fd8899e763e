using QGan.MLNet.Experiments.Analysis;

namespace QGan.MLNet.Experiments.Tests.Analysis;

public sealed class LawFitTests
{
    [Fact]
    public void Exact_line_is_recovered_with_unit_r2_and_no_aic()
    {
        var fit = LawFit.Fit([1.0, 2, 3, 4], [3.0, 5, 7, 9])!;
        Assert.Equal(1, fit.A, 12);
        Assert.Equal(2, fit.B, 12);
        Assert.Equal(1, fit.R2!.Value, 12);
        Assert.Null(fit.Aic); // RSS = 0: the log-likelihood is unbounded
    }

    [Fact]
    public void Noisy_points_match_the_closed_form()
    {
        // x = 0, 1, 2, 3; y = 1, 2, 2, 4: mean x 1.5, mean y 2.25, Sxx = 5, Sxy = 4.5 -> b = 0.9, a = 0.9;
        // residuals 0.1, 0.2, -0.7, 0.4 -> RSS = 0.7; TSS = 4.75 -> R^2 = 0.8526315789; AIC = 4 ln(0.175) + 6.
        var fit = LawFit.Fit([0.0, 1, 2, 3], [1.0, 2, 2, 4])!;
        Assert.Equal(0.9, fit.A, 12);
        Assert.Equal(0.9, fit.B, 12);
        Assert.Equal(0.7, fit.Rss, 12);
        Assert.Equal(0.8526315789, fit.R2!.Value, 9);
        Assert.Equal(4 * Math.Log(0.175) + 6, fit.Aic!.Value, 12);
    }

    [Fact]
    public void Undetermined_fits_are_null()
    {
        Assert.Null(LawFit.Fit([1.0], [2.0]));
        Assert.Null(LawFit.Fit([2.0, 2.0], [1.0, 3.0]));
    }

    [Fact]
    public void Percentiles_interpolate_between_order_statistics()
    {
        // numpy.percentile([1, 2, 3, 4], [5, 95]) = [1.15, 3.85].
        Assert.Equal([1.15, 3.85], Percentile.Interval([4.0, 1, 3, 2], 0.9).Select(v => Math.Round(v, 12)));
    }
}
