using QGan.MLNet.Trainers.Autoencoder;

namespace QGan.MLNet.Trainers.Tests.Autoencoder;

public sealed class AutoencoderTrainerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qgan-ae-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Same_seed_gives_identical_weights_and_metrics()
    {
        var data = TestImages.Create(48, seed: 1);
        var trainer = new AutoencoderTrainer(TestImages.TinyArchitecture, TestImages.TinyOptions(epochs: 2));

        using var first = trainer.Train(data);
        using var second = trainer.Train(data);

        Assert.Equal(TestImages.Weights(first.Model), TestImages.Weights(second.Model));
        Assert.Equal(first.History.Select(h => (h.TrainMse, h.ValidationMse)), second.History.Select(h => (h.TrainMse, h.ValidationMse)));
    }

    [Fact]
    public void Different_seed_gives_different_weights()
    {
        var data = TestImages.Create(48, seed: 1);
        using var a = new AutoencoderTrainer(TestImages.TinyArchitecture, TestImages.TinyOptions(1)).Train(data);
        using var b = new AutoencoderTrainer(TestImages.TinyArchitecture, TestImages.TinyOptions(1) with { Seed = 6 }).Train(data);

        Assert.NotEqual(TestImages.Weights(a.Model), TestImages.Weights(b.Model));
    }

    [Fact]
    public void Two_epochs_then_resume_to_four_equals_four_straight()
    {
        var data = TestImages.Create(48, seed: 2);
        var options = TestImages.TinyOptions() with { Schedule = LearningRateSchedule.ReduceOnPlateau, PlateauPatience = 0 };
        using var straight = new AutoencoderTrainer(TestImages.TinyArchitecture, options with { Epochs = 4 }).Train(data);

        var checkpoint = Path.Combine(_dir, "ae.ckpt");
        using (new AutoencoderTrainer(TestImages.TinyArchitecture, options with { Epochs = 2, CheckpointPath = checkpoint }).Train(data))
        {
        }
        using var resumed = new AutoencoderTrainer(TestImages.TinyArchitecture, options with { Epochs = 4, CheckpointPath = checkpoint })
            .Train(data, resume: true);

        Assert.Equal(2, resumed.ResumedFromEpoch);
        Assert.Equal(TestImages.Weights(straight.Model), TestImages.Weights(resumed.Model));
        Assert.Equal(straight.History.Select(h => (h.TrainMse, h.ValidationMse, h.LearningRate)),
            resumed.History.Select(h => (h.TrainMse, h.ValidationMse, h.LearningRate)));
    }

    [Fact]
    public void A_run_cancelled_mid_epoch_resumes_from_its_last_checkpoint_exactly()
    {
        var data = TestImages.Create(48, seed: 3);
        var options = TestImages.TinyOptions(epochs: 3) with { Schedule = LearningRateSchedule.Cosine };
        using var straight = new AutoencoderTrainer(TestImages.TinyArchitecture, options).Train(data);

        var checkpoint = Path.Combine(_dir, "ae.ckpt");
        var withCheckpoint = options with { CheckpointPath = checkpoint };
        using var cancel = new CancellationTokenSource();
        // Stop in the middle of epoch 2, as a killed process would: only the epoch-1 checkpoint exists.
        var progress = new SynchronousProgress<AutoencoderProgress>(p =>
        {
            if (p.Epoch == 2 && p.Batch == 1)
            {
                cancel.Cancel();
            }
        });
        Assert.Throws<OperationCanceledException>(() => new AutoencoderTrainer(TestImages.TinyArchitecture, withCheckpoint).Train(data, progress, cancellationToken: cancel.Token));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));

        using var resumed = new AutoencoderTrainer(TestImages.TinyArchitecture, withCheckpoint).Train(data, resume: true);

        Assert.Equal(1, resumed.ResumedFromEpoch);
        Assert.Equal(TestImages.Weights(straight.Model), TestImages.Weights(resumed.Model));
    }

    [Fact]
    public void Resume_with_a_different_configuration_is_refused()
    {
        var data = TestImages.Create(32, seed: 4);
        var checkpoint = Path.Combine(_dir, "ae.ckpt");
        using (new AutoencoderTrainer(TestImages.TinyArchitecture, TestImages.TinyOptions(1) with { CheckpointPath = checkpoint }).Train(data))
        {
        }

        var ex = Assert.Throws<InvalidDataException>(() =>
            new AutoencoderTrainer(TestImages.TinyArchitecture, TestImages.TinyOptions(2) with { CheckpointPath = checkpoint, LearningRate = 1e-2 }).Train(data, resume: true));
        Assert.Contains(checkpoint, ex.Message);
    }

    [Fact]
    public void Corrupted_checkpoint_is_detected()
    {
        var data = TestImages.Create(32, seed: 4);
        var checkpoint = Path.Combine(_dir, "ae.ckpt");
        var options = TestImages.TinyOptions(1) with { CheckpointPath = checkpoint };
        using (new AutoencoderTrainer(TestImages.TinyArchitecture, options).Train(data))
        {
        }
        var bytes = File.ReadAllBytes(checkpoint);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(checkpoint, bytes);

        var ex = Assert.Throws<InvalidDataException>(() => new AutoencoderTrainer(TestImages.TinyArchitecture, options with { Epochs = 2 }).Train(data, resume: true));
        Assert.Contains("corrupted", ex.Message);
    }

    [Fact]
    public void Metrics_csv_has_one_row_per_epoch_matching_the_history()
    {
        var data = TestImages.Create(32, seed: 5);
        var metrics = Path.Combine(_dir, "metrics.csv");
        using var result = new AutoencoderTrainer(TestImages.TinyArchitecture, TestImages.TinyOptions(3) with { MetricsPath = metrics }).Train(data);

        Assert.StartsWith("epoch,train_mse,validation_mse,learning_rate,seconds\n", File.ReadAllText(metrics));
        var rows = AutoencoderMetricsCsv.Read(metrics);
        Assert.Equal([1, 2, 3], rows.Select(r => r.Epoch));
        Assert.Equal(result.History.Select(h => h.ValidationMse), rows.Select(r => r.ValidationMse));
    }

    [Fact]
    public void Early_stopping_ends_the_run_after_patience_epochs_without_improvement()
    {
        var data = TestImages.Create(32, seed: 6);
        // A minimum improvement of 1.0 (more than any MSE of [0,1] images) means only the first epoch counts as better.
        var options = TestImages.TinyOptions(10) with { EarlyStoppingPatience = 2, EarlyStoppingMinDelta = 1.0, RestoreBestWeights = true };
        using var result = new AutoencoderTrainer(TestImages.TinyArchitecture, options).Train(data);

        Assert.True(result.StoppedEarly);
        Assert.Equal(3, result.EpochsRun);
        Assert.Equal(1, result.BestEpoch);
        // The best (epoch-1) weights were restored, so the final validation MSE is the epoch-1 one.
        Assert.Equal(result.History[0].ValidationMse, result.ValidationMse, 1e-9);
    }

    [Fact]
    public void Trained_autoencoder_beats_the_mean_image_baseline_by_far()
    {
        var data = TestImages.Create(160, seed: 7);
        var options = TestImages.TinyOptions(12) with { Schedule = LearningRateSchedule.Cosine, RestoreBestWeights = true };
        using var result = new AutoencoderTrainer(TestImages.TinyArchitecture, options).Train(data);

        Assert.True(result.MeanImageBaselineMse > 0.005, $"baseline {result.MeanImageBaselineMse}");
        Assert.True(result.ValidationMse < 0.5 * result.MeanImageBaselineMse,
            $"validation MSE {result.ValidationMse} vs mean-image baseline {result.MeanImageBaselineMse}");
    }

    [Fact]
    public void Mean_image_baseline_matches_a_direct_computation()
    {
        // Two training images 0 and 1 (mean 0.5), one target image of 0.25: every value is off by 0.25.
        float[] pixels = [.. Enumerable.Repeat(0f, 4), .. Enumerable.Repeat(1f, 4), .. Enumerable.Repeat(0.25f, 4)];
        var data = new AutoencoderDataset(pixels, 1, 2, 2);

        Assert.Equal(0.0625, AutoencoderTrainer.MeanImageBaseline(data, [0, 1], [2]), 12);
    }

    [Fact]
    public void Pixel_values_outside_unit_range_are_rejected_with_their_position()
    {
        var pixels = new float[2 * 4];
        pixels[6] = float.NaN;

        var ex = Assert.Throws<InvalidDataException>(() => new AutoencoderDataset(pixels, 1, 2, 2, "patches.csv"));
        Assert.Contains("patches.csv: image 1, value 2", ex.Message);
    }

    [Fact]
    public void Images_of_the_wrong_shape_are_rejected()
    {
        var data = new AutoencoderDataset(new float[3 * 28 * 28 * 4], 3, 28, 28, "rgb.csv");
        var ex = Assert.Throws<ArgumentException>(() => new AutoencoderTrainer(TestImages.TinyArchitecture, TestImages.TinyOptions(1)).Train(data));
        Assert.Contains("3x28x28", ex.Message);
    }

    /// <summary>IProgress that reports on the calling thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
