namespace QGan.MLNet.Experiments.Analysis;

/// <summary>
/// The standard normal distribution to full double precision in both tails, as the censored likelihood needs it:
/// Φ(z), ln Φ(z) and the inverse Mills ratio φ(z)/Φ(z). The centre uses Marsaglia's Taylor series (2004, "Evaluating
/// the normal distribution"); below z = -3 the Mills ratio R(x) = Φ(-x)/φ(x) comes from its continued fraction
/// (Lentz's method), so ln Φ stays accurate down to z = -1e3 where Φ itself underflows.
/// </summary>
internal static class StandardNormal
{
    private const double LnSqrt2Pi = 0.91893853320467274178;
    private const double TailStart = 3;

    public static double Density(double z) => Math.Exp(-0.5 * z * z - LnSqrt2Pi);

    public static double LogDensity(double z) => -0.5 * z * z - LnSqrt2Pi;

    public static double Cdf(double z) => z < -TailStart ? Density(z) * MillsRatio(-z) : z > TailStart ? 1 - Density(z) * MillsRatio(z) : Central(z);

    public static double LogCdf(double z) => z < -TailStart
        ? LogDensity(z) + Math.Log(MillsRatio(-z))
        : z > TailStart ? Math.Log(-Density(z) * MillsRatio(z) + 1) : Math.Log(Central(z));

    /// <summary>φ(z) / Φ(z), the derivative of ln Φ(z); tends to -z for z → -∞.</summary>
    public static double InverseMillsRatio(double z) => z < -TailStart ? 1 / MillsRatio(-z) : Density(z) / Cdf(z);

    /// <summary>Marsaglia's series Φ(z) = 1/2 + φ(z) (z + z^3/3 + z^5/(3·5) + ...), exact to rounding for |z| &lt;= 3.</summary>
    private static double Central(double z)
    {
        double sum = z, term = z, q = z * z;
        for (int i = 3; ; i += 2)
        {
            term *= q / i;
            double next = sum + term;
            if (next == sum)
            {
                break;
            }
            sum = next;
        }
        return 0.5 + sum * Density(z);
    }

    /// <summary>R(x) = Φ(-x)/φ(x) = 1/(x + 1/(x + 2/(x + 3/(x + ...)))) for x >= 3 (modified Lentz).</summary>
    private static double MillsRatio(double x)
    {
        const double Tiny = 1e-300;
        double f = x, c = x, d = 0;
        for (int k = 1; k < 500; k++)
        {
            d = x + k * d;
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = x + k / c;
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }
        return 1 / f;
    }
}
