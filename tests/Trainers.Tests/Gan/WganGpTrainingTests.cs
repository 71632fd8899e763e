using QGan.MLNet.Trainers.Gan.Evaluation;
using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Trainers.Tests.Gan;

public sealed class WganGpTrainingTests
{
    [Fact]
    public void Quantum_generator_training_lowers_latent_fid_well_below_its_initial_value()
    {
        using var trainer = new WganGpTrainer(TrainingSetups.Quantum(300), TrainingSetups.Train, heldOut: TrainingSetups.HeldOut, evaluator: new GanQualityEvaluator());

        trainer.Train();

        double initial = trainer.Metrics[0].LatentFid!.Value;
        double final = trainer.Metrics[^1].LatentFid!.Value;
        Assert.Equal(0, trainer.Metrics[0].Iteration);
        Assert.Equal(300, trainer.Metrics[^1].Iteration);
        Assert.True(final < 0.25 * initial, $"latent FID {initial:F4} at initialisation, {final:F4} after training");
    }

    [Fact]
    public void Classical_generator_training_lowers_latent_fid_well_below_its_initial_value()
    {
        using var trainer = new WganGpTrainer(TrainingSetups.Classical(200), TrainingSetups.Train, heldOut: TrainingSetups.HeldOut, evaluator: new GanQualityEvaluator());

        trainer.Train();

        double initial = trainer.Metrics[0].LatentFid!.Value;
        double final = trainer.Metrics[^1].LatentFid!.Value;
        Assert.True(final < 0.35 * initial, $"latent FID {initial:F4} at initialisation, {final:F4} after training");
    }

    [Theory]
    [InlineData(GeneratorKind.Quantum)]
    [InlineData(GeneratorKind.Classical)]
    public void Same_seed_gives_identical_weights_and_a_different_seed_does_not(GeneratorKind kind)
    {
        var options = (kind == GeneratorKind.Quantum ? TrainingSetups.Quantum(6) : TrainingSetups.Classical(6));

        float[] Run(GanTrainingOptions o)
        {
            // Disturb torch's global generator: the run must not depend on it.
            TorchSharp.torch.manual_seed(Environment.TickCount64);
            TorchSharp.torch.rand(17).Dispose();
            using var t = new WganGpTrainer(o, TrainingSetups.Train);
            t.Train();
            return [.. TrainingSetups.Flatten(t.Generator), .. TrainingSetups.Flatten(t.Critic)];
        }

        var a = Run(options);
        var b = Run(options);
        var c = Run(options with { Seed = options.Seed + 1 });

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    private static float[] TrainedGeneratorWeights(GanTrainingOptions options)
    {
        using var trainer = new WganGpTrainer(options, TrainingSetups.Train);
        trainer.Train();
        return TrainingSetups.Flatten(trainer.Generator);
    }

    [Fact]
    public void Parameter_shift_gradients_train_the_same_quantum_generator_as_the_adjoint_sweep()
    {
        var adjoint = TrainingSetups.Quantum(5);
        var shift = adjoint with { QuantumGradient = QGan.MLNet.Quantum.Gradients.GradientMethod.ParameterShift };

        var a = TrainedGeneratorWeights(adjoint);
        var s = TrainedGeneratorWeights(shift);

        Assert.NotEqual(adjoint.ConfigHash(), shift.ConfigHash());
        Assert.Equal(a.Length, s.Length);
        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i], s[i], 4);
        }
    }

    [Fact]
    public void Single_precision_simulation_trains_the_same_quantum_generator_to_float_accuracy()
    {
        var exact = TrainingSetups.Quantum(5);
        var single = exact with { QuantumPrecision = QGan.MLNet.Quantum.Style.SimulationPrecision.Single };

        var a = TrainedGeneratorWeights(exact);
        var s = TrainedGeneratorWeights(single);

        Assert.NotEqual(exact.ConfigHash(), single.ConfigHash());
        Assert.Equal(a.Length, s.Length);
        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i], s[i], 4);
        }
        // The precision is a property of the quantum simulation only: a classical run's identity ignores it.
        var classical = TrainingSetups.Classical(5);
        Assert.Equal(classical.ConfigHash(), (classical with { QuantumPrecision = QGan.MLNet.Quantum.Style.SimulationPrecision.Single }).ConfigHash());
        var invalid = Assert.Throws<ArgumentException>(() => (exact with { QuantumPrecision = (QGan.MLNet.Quantum.Style.SimulationPrecision)5 }).Validate());
        Assert.Contains("QuantumPrecision", invalid.Message);
    }

    [Fact]
    public void Metrics_rows_hold_finite_losses_at_the_interval_and_the_gradient_penalty_starts_near_one()
    {
        var dir = TrainingSetups.TempDirectory();
        var layout = new GanRunLayout(dir);
        using var trainer = new WganGpTrainer(TrainingSetups.Classical(10) with { MetricsInterval = 4 }, TrainingSetups.Train, layout);

        trainer.Train();

        Assert.Equal([1, 4, 8, 10], trainer.Metrics.Select(m => m.Iteration).ToArray());
        var fromDisk = MetricsLog.Read(layout.MetricsPath);
        Assert.Equal(trainer.Metrics, fromDisk);
        Assert.All(fromDisk, m =>
        {
            Assert.True(double.IsFinite(m.CriticLoss!.Value));
            Assert.True(m.CriticGradNorm > 0);
            Assert.True(m.GeneratorGradNorm > 0);
            Assert.Null(m.LatentFid); // no evaluator configured
            // critic loss = -W + lambda * GP by definition
            Assert.Equal(m.CriticLoss!.Value, -m.WassersteinEstimate!.Value + 10 * m.GradientPenalty!.Value, 4);
        });
        // At initialisation the critic is nearly flat, so |grad| ~ 0 and the penalty (|grad| - 1)^2 is close to 1.
        Assert.InRange(fromDisk[0].GradientPenalty!.Value, 0.5, 1.0);
        Assert.Equal(string.Join(",", MetricsLog.Columns), File.ReadLines(layout.MetricsPath).First());
    }

    [Fact]
    public void Quantum_readout_width_different_from_the_latent_width_is_a_clear_error()
    {
        var options = TrainingSetups.Quantum(1) with { Readout = QGan.MLNet.Quantum.Style.Readout.Z };

        var ex = Assert.Throws<ArgumentException>(() => new WganGpTrainer(options, TrainingSetups.Train));

        Assert.Contains("produces 3 values", ex.Message);
        Assert.Contains("6 dimensions", ex.Message);
    }

    [Theory]
    [InlineData("BatchSize")]
    [InlineData("CriticLearningRate")]
    [InlineData("Beta2")]
    [InlineData("CriticHidden")]
    public void Invalid_options_are_rejected_naming_the_option(string option)
    {
        var options = TrainingSetups.Classical(1);
        options = option switch
        {
            "BatchSize" => options with { BatchSize = 0 },
            "CriticLearningRate" => options with { CriticLearningRate = double.NaN },
            "Beta2" => options with { Beta2 = 1 },
            "CriticHidden" => options with { CriticHidden = [8, -1] },
            _ => throw new ArgumentOutOfRangeException(nameof(option)),
        };

        var ex = Assert.Throws<ArgumentException>(() => options.Validate());

        Assert.Contains(option, ex.Message);
    }

    [Fact]
    public void Non_finite_training_latents_are_rejected_naming_row_and_component()
    {
        var values = new float[12];
        values[7] = float.NaN;

        var ex = Assert.Throws<InvalidDataException>(() => new LatentDataSet(values, 6, "train.csv"));

        Assert.Contains("train.csv: row 1, component 1", ex.Message);
    }
}
