using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.Sampling;

namespace QGan.MLNet.Quantum.Tests.Sampling;

public sealed class MeasurementCountsTests
{
    [Fact]
    public void Qubit_zero_is_the_rightmost_character()
    {
        // X on qubit 0 of three: every shot reads basis index 1 = "001" (Qiskit order).
        var circuit = new Circuit(3).Add(GateOp.X(0));
        var estimate = ShotEstimator.Estimate(circuit, 100, seed: 1);

        var only = Assert.Single(estimate.ZCounts.Counts);
        Assert.Equal(("001", 100L), (only.Key, only.Value));
        Assert.Equal([-1.0, 1.0, 1.0], estimate.Z);
        Assert.Equal("110", MeasurementCounts.Bitstring(6, 3));
    }

    [Fact]
    public void Expectations_and_standard_errors_follow_from_counts()
    {
        var counts = MeasurementCounts.FromBitstrings(2, new Dictionary<string, long> { ["00"] = 60, ["01"] = 20, ["1 1"] = 20 });

        Assert.Equal(100, counts.Shots);
        Assert.Equal(40, counts.Ones(0));
        Assert.Equal(20, counts.Ones(1));
        Assert.Equal(0.2, counts.Expectation(0), 15);
        Assert.Equal(0.6, counts.Expectation(1), 15);
        Assert.Equal(Math.Sqrt((1 - 0.36) / 100), counts.StandardError(1), 15);
    }

    [Theory]
    [InlineData("0a")]
    [InlineData("011")]
    [InlineData("1")]
    public void Malformed_bitstrings_are_rejected_with_the_key(string key)
    {
        var ex = Assert.Throws<ArgumentException>(() => MeasurementCounts.FromBitstrings(2, new Dictionary<string, long> { [key] = 3 }));
        Assert.Contains(key, ex.Message);
    }

    [Fact]
    public void Negative_counts_and_wrong_histograms_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => MeasurementCounts.FromBitstrings(2, new Dictionary<string, long> { ["01"] = -1 }));
        Assert.Throws<ArgumentException>(() => MeasurementCounts.FromHistogram(2, new long[3]));
        Assert.Throws<ArgumentException>(() => MeasurementCounts.FromHistogram(1, new long[] { 1, -2 }));
        Assert.Throws<InvalidOperationException>(() => MeasurementCounts.FromHistogram(1, new long[2]).Expectation(0));
    }
}
