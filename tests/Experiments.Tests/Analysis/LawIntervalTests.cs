using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Experiments.Analysis;
using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Experiments.Tests.Analysis;

/// <summary>
/// The two parts of the law intervals (docs/sweep.md, "Analysis", steps 7 and 9): the bootstrap over seeds with its
/// small-sample correction, and the lack-of-fit term. Each is checked against the property that justifies it.
/// </summary>
public sealed class LawIntervalTests
{
    private static RunObservation Run(int index, bool stable, double? fid) => new(
        new SweepRunRow
        {
            Index = index, GeneratorKind = SweepRunStatus.Quantum, Layers = 1, Qubits = 12, CriticWidth = 8, CriticDepth = 2,
            Seed = index + 1, GeneratorParams = 144, CriticParams = 281, Status = SweepRunStatus.Completed,
        },
        stable, fid);

    private static double SampleVariance(IReadOnlyList<double> v)
    {
        double mean = v.Average();
        return v.Sum(x => (x - mean) * (x - mean)) / (v.Count - 1);
    }

    [Fact]
    public void Seed_resampling_makes_the_bootstrap_variance_of_a_cell_mean_unbiased()
    {
        // Three counted seeds and one unstable run: the counted ln FIDs move from their mean by sqrt(3/2), so their
        // spread with the divisor m (what resampling sees) equals the data's sample variance (divisor m - 1).
        RunObservation[] cell = [Run(0, true, 2.0), Run(1, true, 2.5), Run(2, false, 9.0), Run(3, true, 3.1)];
        var corrected = SeedBootstrap.Corrected(cell);
        var logs = new[] { 2.0, 2.5, 3.1 }.Select(v => Math.Log(v)).ToArray();
        var moved = corrected.Where(r => r.Counts).Select(r => Math.Log(r.Value!.Value)).ToArray();
        double mean = logs.Average();
        Assert.Equal(mean, moved.Average(), 12);
        Assert.Equal(SampleVariance(logs), moved.Sum(v => (v - mean) * (v - mean)) / 3, 12);
        Assert.Equal(9.0, corrected[2].Value); // the unstable run is resampled as it is
        Assert.Same(cell[2], corrected[2]);

        // Resampling a corrected cell: the variance of its mean ln FID over replicates is s²/m, not (m-1)/m s²/m.
        RunObservation[] pure = [Run(0, true, 2.0), Run(1, true, 2.5), Run(2, true, 3.1)];
        var pureUnits = SeedBootstrap.Units(pure);
        var random = new SeededRandom(3);
        var into = new List<RunObservation>();
        var pureMeans = new List<double>();
        for (int b = 0; b < 40000; b++)
        {
            SeedBootstrap.Resample(pureUnits, random, into);
            pureMeans.Add(into.Average(r => Math.Log(r.Value!.Value)));
        }
        // Monte Carlo error of a variance from 40000 draws: about 1 %.
        Assert.Equal(SampleVariance(logs) / 3, SampleVariance(pureMeans), SampleVariance(logs) / 3 * 0.04);

        // One counted seed cannot be corrected; a value at or below 0 (FID-infinity) moves on the FID scale.
        RunObservation[] single = [Run(0, true, 2.0), Run(1, false, 5.0)];
        Assert.Same(single, SeedBootstrap.Corrected(single));
        var linear = SeedBootstrap.Corrected([Run(0, true, -0.5), Run(1, true, 1.0)]);
        Assert.Equal(0.25 - Math.Sqrt(2) * 0.75, linear[0].Value!.Value, 12);
        Assert.Equal(0.25 + Math.Sqrt(2) * 0.75, linear[1].Value!.Value, 12);
    }

    /// <summary>Six generators whose ln capacity lies on a line plus a generator-level deviation and seed noise.</summary>
    private static readonly double[] Q = [144, 264, 384, 504, 744, 984];

    [Fact]
    public void Lack_of_fit_recovers_the_between_generator_variance_beyond_the_seed_noise()
    {
        // y_i = a + b Q_i + u_i + e_i with u ~ N(0, τ²) (fixed per study, unseen by the seeds) and e ~ N(0, v_i)
        // (different per point); the replicates redraw e only. The moment estimator's τ̂² averages to τ² (its floor
        // at 0 is rarely reached with τ² well above the seed noise).
        const double Tau = 0.3, A = 5, B = 0.005;
        double[] noise = [0.05, 0.1, 0.15, 0.1, 0.2, 0.05];
        var random = new SeededRandom(11);
        var z = new double[Q.Length];
        var squares = new List<double>();
        for (int study = 0; study < 2000; study++)
        {
            random.FillNormal(z);
            var truth = Q.Select((q, i) => A + B * q + Tau * z[i]).ToArray();
            random.FillNormal(z);
            var points = Q.Select((q, i) => new LawPoint($"L{i}", q, Math.Exp(truth[i] + noise[i] * z[i]), Censoring.None)).ToList();
            var replicates = new List<IReadOnlyList<LawPoint>>();
            for (int r = 0; r < 100; r++)
            {
                random.FillNormal(z);
                replicates.Add([.. Q.Select((q, i) => new LawPoint($"L{i}", q, Math.Exp(truth[i] + noise[i] * z[i]), Censoring.None))]);
            }
            var fit = LawComparison.FitBoth(points).Exponential!;
            double tau = LawComparison.LackOfFit(fit, x => x, points, replicates);
            squares.Add(tau * tau);
        }
        // τ̂² has about 4 degrees of freedom: its SD is about 0.7 τ², the mean's over 2000 studies about 1.6 %.
        Assert.Equal(Tau * Tau, squares.Average(), Tau * Tau * 0.06);

        // Without generator-level deviations the seed noise explains the residuals and τ̂ is mostly 0.
        var still = Q.Select((q, i) => new LawPoint($"L{i}", q, Math.Exp(A + B * q), Censoring.None)).ToList();
        var spread = Enumerable.Range(0, 2).Select(r => (IReadOnlyList<LawPoint>)[.. still.Select((p, i) => p with { Y = p.Y * Math.Exp((r == 0 ? 1 : -1) * 0.1) })]).ToList();
        var line = LawComparison.FitBoth(still).Exponential!;
        Assert.Equal(0, LawComparison.LackOfFit(line, x => x, still, spread));
        // Two measured points leave no degree of freedom to see a deviation.
        var two = still.Take(2).Append(still[5] with { Censoring = Censoring.Lower }).ToList();
        Assert.Equal(0, LawComparison.LackOfFit(LawComparison.FitBoth(two).Exponential!, x => x, two, spread));
    }

    [Fact]
    public void With_seeds_that_agree_the_interval_of_b_is_the_lack_of_fit_alone()
    {
        // Every replicate reproduces the points (no seed noise), so τ̂² = RSS/(n - 2) and each interval replicate is the
        // least-squares slope of the points moved by N(0, τ̂²): b ± 1.96 τ̂ / sqrt(Sxx) up to the Monte Carlo error.
        double[] deviation = [0.1, -0.2, 0.05, 0.15, -0.1, 0.02];
        var points = Q.Select((q, i) => new LawPoint($"L{i}", q, Math.Exp(5 + 0.005 * q + deviation[i]), Censoring.None)).ToList();
        var replicates = Enumerable.Range(0, 4000).Select(_ => (IReadOnlyList<LawPoint>)points).ToList();
        var fits = LawComparison.Summarize(points, replicates, 4000, 0.95, 7, 1);
        var exp = fits.Exponential!;
        double mean = Q.Average(), sxx = Q.Sum(q => (q - mean) * (q - mean));
        double rss = points.Sum(p => Math.Pow(Math.Log(p.Y) - exp.A - exp.B * p.X, 2));
        Assert.Equal(Math.Sqrt(rss / 4), exp.LackOfFitSd!.Value, 12);
        double half = 1.959964 * exp.LackOfFitSd.Value / Math.Sqrt(sxx);
        Assert.Equal(exp.B - half, exp.Ci!.B[0], half * 0.05);
        Assert.Equal(exp.B + half, exp.Ci.B[1], half * 0.05);
        Assert.Equal(4000, exp.BootstrapUsed);
        // The verdict's share uses the replicates as drawn: all identical, so all prefer the same law.
        Assert.Equal(4000, fits.Share!.Replicates);
        Assert.True(fits.Share.Exponential is 0 or 1);
    }
}
