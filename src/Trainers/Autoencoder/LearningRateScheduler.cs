namespace QGan.MLNet.Trainers.Autoencoder;

/// <summary>
/// Computes the learning rate of each epoch. Its whole state is the current rate and the plateau counters, which
/// the checkpoint stores, so a resumed run continues the schedule exactly where it stopped.
/// </summary>
internal sealed class LearningRateScheduler
{
    private readonly AutoencoderTrainingOptions _options;

    public LearningRateScheduler(AutoencoderTrainingOptions options)
    {
        _options = options;
        State = new SchedulerState(options.LearningRate, double.PositiveInfinity, 0);
    }

    public SchedulerState State { get; set; }

    /// <summary>Rate for the (0-based) epoch about to start.</summary>
    public double RateForEpoch(int epoch) => _options.Schedule switch
    {
        LearningRateSchedule.Cosine => _options.MinLearningRate
            + 0.5 * (_options.LearningRate - _options.MinLearningRate) * (1 + Math.Cos(Math.PI * epoch / _options.Epochs)),
        LearningRateSchedule.ReduceOnPlateau => State.CurrentRate,
        _ => _options.LearningRate,
    };

    /// <summary>Feeds the validation loss of a finished epoch (only ReduceOnPlateau reacts).</summary>
    public void EpochFinished(double validationLoss)
    {
        if (_options.Schedule != LearningRateSchedule.ReduceOnPlateau)
        {
            return;
        }
        var s = State;
        if (validationLoss < s.Best - _options.EarlyStoppingMinDelta)
        {
            State = s with { Best = validationLoss, BadEpochs = 0 };
        }
        else if (s.BadEpochs + 1 > _options.PlateauPatience)
        {
            State = s with { CurrentRate = Math.Max(_options.MinLearningRate, s.CurrentRate * _options.PlateauFactor), BadEpochs = 0 };
        }
        else
        {
            State = s with { BadEpochs = s.BadEpochs + 1 };
        }
    }
}

/// <summary>Scheduler state saved in checkpoints.</summary>
public sealed record SchedulerState(double CurrentRate, double Best, int BadEpochs);
