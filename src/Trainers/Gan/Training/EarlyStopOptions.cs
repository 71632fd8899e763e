namespace QGan.MLNet.Trainers.Gan.Training;

/// <summary>
/// Early stopping on a plateau of the validation FID (<see cref="GanTrainingOptions.EarlyStop"/>). At every metrics row the
/// generator's latent FID on the validation split is measured; an evaluation <b>improves</b> when it is at most
/// (1 - <see cref="MinImprovement"/>) times the FID of the last improving evaluation. Training stops (converged, a
/// plateau) after <see cref="Patience"/> evaluations in a row without improvement, and the reported generator is the one
/// with the lowest validation FID seen (the best checkpoint). The maximum number of iterations is
/// <see cref="GanTrainingOptions.Iterations"/>: a run that reaches it without a plateau ran out of budget.
/// </summary>
public sealed record EarlyStopOptions
{
    /// <summary>Evaluations in a row without improvement before training stops (default 5).</summary>
    public int Patience { get; init; } = 5;

    /// <summary>Relative improvement of the validation FID that resets the patience (default 0.01, i.e. 1 %); relative so
    /// that the rule means the same at FID 0.3 and at FID 30.</summary>
    public double MinImprovement { get; init; } = 0.01;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Patience < 1)
        {
            throw new ArgumentException($"EarlyStop.{nameof(Patience)} must be >= 1, got {Patience}");
        }
        if (!(MinImprovement >= 0 && MinImprovement < 1))
        {
            throw new ArgumentException($"EarlyStop.{nameof(MinImprovement)} must be in [0, 1), got {MinImprovement}");
        }
    }
}

/// <summary>Why training ended (divergence is a <see cref="TrainingDivergedException"/>, not a stop reason).</summary>
public enum TrainingStopReason
{
    /// <summary>The iteration budget (<see cref="GanTrainingOptions.Iterations"/>) ran out first.</summary>
    Budget,

    /// <summary>Early stopping found a plateau of the validation FID.</summary>
    Plateau,
}
