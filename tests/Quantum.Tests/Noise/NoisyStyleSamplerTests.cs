using QGan.MLNet.Quantum.Density;
using QGan.MLNet.Quantum.Noise;
using QGan.MLNet.Quantum.Parameters;
using QGan.MLNet.Quantum.Sampling;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Quantum.Tests.Sampling;

namespace QGan.MLNet.Quantum.Tests.Noise;

public sealed class NoisyStyleSamplerTests
{
    private static readonly StyleArchitecture Arch = new(3, 2, 3);

    private static NoiseModel Model() =>
        NoiseModel.Uniform(3, 25, 20, new ReadoutError(0.04, 0.07), 0.02, 150, 0.06, 500);

    [Fact]
    public void Outputs_estimate_the_exact_noisy_expectations_with_readout_error()
    {
        var p = StyleParameters.Random(Arch, 3);
        var circuit = Arch.BuildCircuit(p.Weights, p.Biases, p.Noise);
        var model = Model();
        const long shots = 4000;
        var estimate = new NoisyStyleSampler(model, new NoisySamplingOptions(shots, (int)shots, Seed: 1)).Estimate(Arch, p.Weights, p.Biases, p.Noise);

        var rho = DensityMatrixSimulator.Run(circuit, model);
        var xRho = DensityMatrixSimulator.Run(MeasurementBasisCircuits.WithBasisChange(circuit, MeasurementBasis.X), model);
        for (int q = 0; q < 3; q++)
        {
            var readout = model.Qubits[q].Readout;
            ShotEstimatorTests.AssertWithinSigmas(readout.Distort(rho.ExpectationZ(q)), estimate.Outputs[q], shots, $"<Z_{q}>");
            // X readout = Z readout after the (noisy) basis-change H gates.
            ShotEstimatorTests.AssertWithinSigmas(readout.Distort(xRho.ExpectationZ(q)), estimate.Outputs[3 + q], shots, $"<X_{q}>");
        }
        Assert.Equal(CountsEstimator.StyleOutputs(estimate.ZCounts, estimate.XCounts), estimate.Outputs);
    }

    [Fact]
    public void Readout_mitigation_removes_the_readout_bias()
    {
        var p = StyleParameters.Random(Arch, 4);
        var circuit = Arch.BuildCircuit(p.Weights, p.Biases, p.Noise);
        var model = Model();
        const long shots = 8000;
        var mitigated = new NoisyStyleSampler(model, new NoisySamplingOptions(shots, 2000, Seed: 2, MitigateReadout: true)).Estimate(circuit);
        var rho = DensityMatrixSimulator.Run(circuit, model);
        for (int q = 0; q < 3; q++)
        {
            var r = model.Qubits[q].Readout;
            double sigma = Math.Sqrt(1.0 / shots) / (1 - r.P01 - r.P10);
            // Several shots share a trajectory, so allow a little more than the binomial error.
            Assert.InRange(mitigated.Outputs[q], rho.ExpectationZ(q) - 6 * sigma, rho.ExpectationZ(q) + 6 * sigma);
        }
    }

    [Fact]
    public void An_ideal_model_reduces_to_plain_shot_noise_around_the_fixture()
    {
        var c = ReferenceCases.Style(4);
        const long shots = 20_000;
        var estimate = new NoisyStyleSampler(NoiseModel.Ideal(4), new NoisySamplingOptions(shots, 4, Seed: 8)).Estimate(c.Circuit);
        for (int q = 0; q < 4; q++)
        {
            ShotEstimatorTests.AssertWithinSigmas(c.Z[q], estimate.Outputs[q], shots, $"<Z_{q}>");
            ShotEstimatorTests.AssertWithinSigmas(c.X[q], estimate.Outputs[4 + q], shots, $"<X_{q}>");
        }
    }

    [Fact]
    public void Batch_rows_equal_single_estimates_with_their_sample_index()
    {
        var p = StyleParameters.Random(Arch, 5);
        var sampler = new NoisyStyleSampler(Model(), new NoisySamplingOptions(500, 20, Seed: 6));
        var noise = new double[,] { { 0.1, -0.5, 1.2 }, { -1.0, 0.3, 0.0 } };
        var batch = sampler.EstimateBatch(Arch, p.Weights, p.Biases, noise);

        Assert.Equal(6, batch.GetLength(1));
        for (int b = 0; b < 2; b++)
        {
            var single = sampler.Estimate(Arch, p.Weights, p.Biases, [noise[b, 0], noise[b, 1], noise[b, 2]], (ulong)b).Outputs;
            Assert.Equal(single, Enumerable.Range(0, 6).Select(j => batch[b, j]));
        }
        // Distinct sample indices use distinct streams even for the same circuit.
        var circuit = Arch.BuildCircuit(p.Weights, p.Biases, p.Noise);
        Assert.NotEqual(sampler.Estimate(circuit, 0).ZCounts.Counts, sampler.Estimate(circuit, 1).ZCounts.Counts);
        Assert.Equal(sampler.Estimate(circuit, 1).ZCounts.Counts, sampler.Estimate(circuit, 1).ZCounts.Counts);
    }

    [Fact]
    public void Bad_input_is_rejected_with_the_field_named()
    {
        var p = StyleParameters.Random(Arch, 5);
        var sampler = new NoisyStyleSampler(Model());
        Assert.Contains("noise", Assert.Throws<ArgumentException>(() => sampler.Estimate(Arch, p.Weights, p.Biases, [0.1, 0.2])).Message);
        Assert.Contains("weights", Assert.Throws<ArgumentException>(() => sampler.Estimate(Arch, p.Weights[1..], p.Biases, p.Noise)).Message);
        Assert.Contains("columns", Assert.Throws<ArgumentException>(() => sampler.EstimateBatch(Arch, p.Weights, p.Biases, new double[2, 2])).Message);
        Assert.Contains("not finite", Assert.Throws<ArgumentException>(() => sampler.Estimate(Arch, p.Weights, p.Biases, [double.NaN, 0, 0])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new NoisyStyleSampler(Model(), new NoisySamplingOptions(Shots: 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NoisyStyleSampler(Model(), new NoisySamplingOptions(Trajectories: 0)));
        Assert.Throws<NotSupportedException>(() => sampler.Estimate(new StyleArchitecture(3, 2, 3, Readout.Z), p.Weights, p.Biases, p.Noise));
        Assert.Throws<ArgumentException>(() => sampler.Estimate(new StyleArchitecture(4, 1, 3).BuildCircuit(new double[24], new double[24], new double[3])));
    }
}
