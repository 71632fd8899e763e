using QGan.MLNet.Quantum.Noise;
using QGan.MLNet.Quantum.Sampling;
using QGan.MLNet.Trainers.Hardware;

namespace QGan.MLNet.Trainers.Tests.Hardware;

[Collection(TorchGlobalStateCollection.Name)]
public sealed class HardwareSamplerTests
{
    private static readonly QuantumGeneratorCircuits Generator = QuantumGeneratorCircuits.Load(SavedGenerators.Quantum());

    [Fact]
    public void Ideal_device_estimates_scatter_around_the_exact_outputs_at_the_binomial_shot_noise_level()
    {
        const long shots = 2000;
        var noise = NoiseVectors.Draw(150, 3, seed: 1);
        var measured = new HardwareSampler(Generator, new HardwareSamplingOptions(shots, Seed: 9)).RunAll(noise);
        var exact = noise.Select(v => Generator.ExactOutputs(v)).ToArray();

        for (int r = 0; r < noise.Length; r++)
        {
            Assert.Equal(shots, measured[r].Z.Shots);
            Assert.Equal(shots, measured[r].X.Shots);
            for (int k = 0; k < 6; k++)
            {
                double sigma = Math.Sqrt(Math.Max(1 - exact[r][k] * exact[r][k], 1e-4) / shots);
                Assert.True(Math.Abs(measured[r].Outputs[k] - exact[r][k]) < 5.5 * sigma, $"sample {r}, output {k}");
            }
        }
        // 900 values: the RMS over them matches sqrt(mean (1 - e^2) / N) to a few per cent.
        var deviation = HardwareEvaluator.Deviation(measured.Select(m => m.Outputs).ToArray(), exact, Enumerable.Repeat(shots, noise.Length).ToArray());
        Assert.InRange(deviation.Rms / deviation.ExpectedShotRms, 0.88, 1.12);
        Assert.InRange(Math.Abs(deviation.MeanBias), 0, 4 * deviation.ExpectedShotRms / Math.Sqrt(900));
    }

    [Fact]
    public void Each_sample_has_its_own_streams_so_batches_and_repeats_agree_and_seeds_differ()
    {
        var noise = NoiseVectors.Draw(6, 3, seed: 2);
        var sampler = new HardwareSampler(Generator, new HardwareSamplingOptions(500, Seed: 4));
        var all = sampler.RunAll(noise);
        var alone = sampler.Run(4, noise[4]);
        Assert.Equal(all[4].Z.Counts, alone.Z.Counts);
        Assert.Equal(all[4].X.Counts, alone.X.Counts);
        Assert.Equal(all[4].Outputs, alone.Outputs);

        var other = new HardwareSampler(Generator, new HardwareSamplingOptions(500, Seed: 5)).Run(4, noise[4]);
        Assert.NotEqual(alone.Z.Counts, other.Z.Counts);
    }

    [Fact]
    public void Readout_error_shrinks_and_shifts_z_estimates_as_the_confusion_matrix_predicts_and_mitigation_undoes_it()
    {
        // Only readout error (no gate noise, no decay): <Z>_read = (1 - p01 - p10) <Z> + (p10 - p01).
        const double p01 = 0.08, p10 = 0.02;
        var model = NoiseModel.Uniform(3, double.PositiveInfinity, double.PositiveInfinity, new ReadoutError(p01, p10), 0, 0, 0, 0, "readout-only");
        var noise = NoiseVectors.Draw(60, 3, seed: 6);
        var exact = noise.Select(v => Generator.ExactOutputs(v)).ToArray();
        const long shots = 4000;
        var raw = new HardwareSampler(Generator, new HardwareSamplingOptions(shots, model, Trajectories: 8, Seed: 3)).RunAll(noise);
        var mitigated = new HardwareSampler(Generator, new HardwareSamplingOptions(shots, model, Trajectories: 8, Seed: 3, MitigateReadout: true)).RunAll(noise);

        double rawResidual = 0, mitigatedResidual = 0;
        int n = 0;
        for (int r = 0; r < noise.Length; r++)
        {
            for (int k = 0; k < 6; k++)
            {
                double predicted = (1 - p01 - p10) * exact[r][k] + (p10 - p01);
                rawResidual += raw[r].Outputs[k] - predicted;
                mitigatedResidual += mitigated[r].Outputs[k] - exact[r][k];
                n++;
            }
        }
        // Mean residuals over 360 values of standard error <= 1/sqrt(4000): zero within 5 standard errors of the mean.
        double bound = 5 / Math.Sqrt(shots) / Math.Sqrt(n);
        Assert.InRange(rawResidual / n, -bound, bound);
        Assert.InRange(mitigatedResidual / n, -1.2 * bound, 1.2 * bound);
        var rawDeviation = HardwareEvaluator.Deviation(raw.Select(m => m.Outputs).ToArray(), exact, Enumerable.Repeat(shots, noise.Length).ToArray());
        Assert.True(rawDeviation.MeanBias < -0.03, $"readout error biases the estimates towards -1 + 2 p... (mean bias {rawDeviation.MeanBias})");
    }

    [Fact]
    public void Bad_settings_are_rejected_naming_the_problem()
    {
        var twelve = NoiseModel.Ideal(12);
        Assert.Contains("12 qubits", Assert.Throws<ArgumentException>(() => new HardwareSampler(Generator, new HardwareSamplingOptions(100, twelve))).Message);
        Assert.Contains("Shots must be in 1..1,000,000,000", Assert.Throws<ArgumentException>(() => new HardwareSampler(Generator, new HardwareSamplingOptions(0))).Message);
        Assert.Contains("Trajectories must be in 1..1,000,000", Assert.Throws<ArgumentException>(() => new HardwareSampler(Generator, new HardwareSamplingOptions(100, Trajectories: 2_000_000))).Message);
        Assert.Contains("noise model", Assert.Throws<ArgumentException>(() => new HardwareSampler(Generator, new HardwareSamplingOptions(100, MitigateReadout: true))).Message);
        Assert.Throws<ArgumentException>(() => new HardwareSampler(Generator, new HardwareSamplingOptions(100)).Run(0, new double[2]));
    }
}
