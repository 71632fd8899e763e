using QGan.MLNet.Trainers.Autoencoder;

namespace QGan.MLNet.Trainers.Tests.Autoencoder;

public sealed class LearningRateSchedulerTests
{
    [Fact]
    public void Cosine_starts_at_the_base_rate_and_passes_the_midpoint_halfway()
    {
        var options = new AutoencoderTrainingOptions { Epochs = 10, LearningRate = 1e-3, MinLearningRate = 1e-5, Schedule = LearningRateSchedule.Cosine };
        var scheduler = new LearningRateScheduler(options);

        Assert.Equal(1e-3, scheduler.RateForEpoch(0), 15);
        Assert.Equal((1e-3 + 1e-5) / 2, scheduler.RateForEpoch(5), 15);
        Assert.True(scheduler.RateForEpoch(9) < scheduler.RateForEpoch(8));
    }

    [Fact]
    public void Reduce_on_plateau_cuts_the_rate_after_patience_epochs_without_improvement()
    {
        var options = new AutoencoderTrainingOptions
        {
            LearningRate = 1e-3, Schedule = LearningRateSchedule.ReduceOnPlateau, PlateauPatience = 1, PlateauFactor = 0.5, EarlyStoppingMinDelta = 0,
        };
        var scheduler = new LearningRateScheduler(options);

        scheduler.EpochFinished(1.0); // improvement
        scheduler.EpochFinished(1.0); // 1 bad epoch: within patience
        Assert.Equal(1e-3, scheduler.RateForEpoch(2));
        scheduler.EpochFinished(1.0); // 2nd bad epoch: cut
        Assert.Equal(5e-4, scheduler.RateForEpoch(3));
        scheduler.EpochFinished(0.5); // improvement keeps the rate
        Assert.Equal(5e-4, scheduler.RateForEpoch(4));
    }
}
