using QGan.MLNet.Quantum.Noise;
using QGan.MLNet.Quantum.Sampling;
using QGan.MLNet.Quantum.State;
using QGan.MLNet.Quantum.Tests.Noise;

namespace QGan.MLNet.Quantum.Tests.Sampling;

public sealed class ShotEstimatorTests
{
    private static StateVector Run(ReferenceCase c)
    {
        var state = new StateVector(c.Circuit.QubitCount);
        state.Apply(c.Circuit);
        return state;
    }

    [Fact]
    public void Estimates_lie_within_five_binomial_sigmas_of_the_fixture_values()
    {
        var c = ReferenceCases.Style(4);
        const long shots = 20_000;
        var estimate = ShotEstimator.Estimate(Run(c), shots, seed: 11);

        Assert.Equal(shots, estimate.ZCounts.Shots);
        Assert.Equal(shots, estimate.XCounts.Shots);
        for (int q = 0; q < c.Z.Length; q++)
        {
            AssertWithinSigmas(c.Z[q], estimate.Z[q], shots, $"<Z_{q}>");
            AssertWithinSigmas(c.X[q], estimate.X[q], shots, $"<X_{q}>");
        }
    }

    [Fact]
    public void Error_shrinks_as_shots_grow()
    {
        var c = ReferenceCases.Style(3);
        var state = Run(c);
        double[] exact = [.. c.Z, .. c.X];
        double previous = double.PositiveInfinity;
        foreach (long shots in new long[] { 100, 10_000, 1_000_000 })
        {
            // Average over several seeds so the comparison is about the rate, not one lucky draw.
            double rms = 0;
            for (ulong seed = 0; seed < 8; seed++)
            {
                var outputs = ShotEstimator.Estimate(state, shots, seed).Outputs;
                rms += outputs.Select((o, i) => (o - exact[i]) * (o - exact[i])).Sum() / outputs.Length;
            }
            rms = Math.Sqrt(rms / 8);
            // Expected rms ~ sqrt(mean(1 - e^2) / N): each 100x more shots should give about 10x less error.
            Assert.True(rms < previous / 4, $"rms error {rms} at {shots} shots did not shrink enough from {previous}");
            Assert.True(rms < 5 / Math.Sqrt(shots), $"rms error {rms} at {shots} shots exceeds 5/sqrt(N)");
            previous = rms;
        }
    }

    [Fact]
    public void Counts_only_estimator_reproduces_the_estimate()
    {
        var c = ReferenceCases.Style(3);
        var estimate = ShotEstimator.Estimate(Run(c), 5_000, seed: 3);

        // As if the counts came back from hardware as plain dictionaries.
        var fromCounts = CountsEstimator.StyleOutputs(3, estimate.ZCounts.Counts, estimate.XCounts.Counts);

        Assert.Equal(estimate.Outputs, fromCounts);
        Assert.Equal([.. estimate.Z, .. estimate.X], fromCounts);
    }

    [Fact]
    public void Same_seed_gives_identical_counts_and_another_seed_differs()
    {
        var state = Run(ReferenceCases.Style(3));
        var a = ShotEstimator.Estimate(state, 2_000, seed: 9);
        var b = ShotEstimator.Estimate(state, 2_000, seed: 9);
        var d = ShotEstimator.Estimate(state, 2_000, seed: 10);

        Assert.Equal(a.ZCounts.Counts, b.ZCounts.Counts);
        Assert.Equal(a.XCounts.Counts, b.XCounts.Counts);
        Assert.NotEqual(a.ZCounts.Counts, d.ZCounts.Counts);
    }

    [Fact]
    public void Readout_error_biases_estimates_as_predicted_and_mitigation_removes_the_bias()
    {
        var c = ReferenceCases.Style(3);
        var readout = new[] { new ReadoutError(0.02, 0.05), new ReadoutError(0.1, 0.03), new ReadoutError(0.0, 0.2) };
        const long shots = 200_000;
        var estimate = ShotEstimator.Estimate(Run(c), shots, seed: 4, readout);
        var mitigated = CountsEstimator.StyleOutputs(estimate.ZCounts, estimate.XCounts, readout);

        for (int q = 0; q < 3; q++)
        {
            AssertWithinSigmas(readout[q].Distort(c.Z[q]), estimate.Z[q], shots, $"raw <Z_{q}>");
            AssertWithinSigmas(readout[q].Distort(c.X[q]), estimate.X[q], shots, $"raw <X_{q}>");
            double gain = 1 - readout[q].P01 - readout[q].P10;
            Assert.InRange(mitigated[q], c.Z[q] - 5 / gain / Math.Sqrt(shots), c.Z[q] + 5 / gain / Math.Sqrt(shots));
            Assert.InRange(mitigated[3 + q], c.X[q] - 5 / gain / Math.Sqrt(shots), c.X[q] + 5 / gain / Math.Sqrt(shots));
        }
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        var state = new StateVector(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => ShotEstimator.Estimate(state, 0, 1));
        Assert.Throws<ArgumentException>(() => ShotEstimator.Estimate(state, 10, 1, [ReadoutError.None]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReadoutError(double.NaN, 0));
        Assert.Throws<ArgumentException>(() => new ReadoutError(0.6, 0.5));
        Assert.Throws<ArgumentException>(() => CountsEstimator.StyleOutputs(
            MeasurementCounts.FromHistogram(2, new long[] { 1, 0, 0, 0 }), MeasurementCounts.FromHistogram(1, new long[] { 1, 0 })));
    }

    internal static void AssertWithinSigmas(double exact, double estimate, long shots, string what, double sigmas = 5)
    {
        double sigma = Math.Sqrt(Math.Max(1 - exact * exact, 1e-4) / shots);
        Assert.True(Math.Abs(estimate - exact) <= sigmas * sigma,
            $"{what}: estimate {estimate} is {Math.Abs(estimate - exact) / sigma:F2} sigma from {exact} (sigma {sigma})");
    }
}
