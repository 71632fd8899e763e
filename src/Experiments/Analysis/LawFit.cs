namespace QGan.MLNet.Experiments.Analysis;

/// <summary>
/// Ordinary least squares of y = a + b x with goodness of fit: R^2 = 1 - RSS/TSS and the Gaussian-likelihood
/// AIC = n ln(RSS/n) + 2k with k = 3 (a, b and the noise variance).
/// </summary>
public sealed record LawFit(int N, double A, double B, double Rss, double? R2, double? Aic)
{
    public const int ParameterCount = 3;

    /// <summary>Fewer than 3 points: a line through 2 points always fits, so R^2/AIC say nothing.</summary>
    public bool TooFewPoints => N < 3;

    public double Predict(double x) => A + B * x;

    /// <summary>The fit, or null when it is undetermined (fewer than 2 points or all x equal).</summary>
    public static LawFit? Fit(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"{x.Count} x values but {y.Count} y values");
        }
        int n = x.Count;
        if (n < 2)
        {
            return null;
        }
        double xMean = x.Average(), yMean = y.Average();
        double sxx = 0, sxy = 0, tss = 0;
        for (int i = 0; i < n; i++)
        {
            sxx += (x[i] - xMean) * (x[i] - xMean);
            sxy += (x[i] - xMean) * (y[i] - yMean);
            tss += (y[i] - yMean) * (y[i] - yMean);
        }
        if (!(sxx > 0))
        {
            return null;
        }
        double b = sxy / sxx;
        double a = yMean - b * xMean;
        double rss = 0;
        for (int i = 0; i < n; i++)
        {
            double r = y[i] - a - b * x[i];
            rss += r * r;
        }
        double? r2 = tss > 0 ? 1 - rss / tss : null;
        double? aic = rss > 0 ? n * Math.Log(rss / n) + 2 * ParameterCount : null;
        return new LawFit(n, a, b, rss, r2, aic);
    }
}
