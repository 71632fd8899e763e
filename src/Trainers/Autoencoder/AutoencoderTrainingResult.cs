namespace QGan.MLNet.Trainers.Autoencoder;

/// <summary>
/// Outcome of a training run. The MSEs are per pixel value, computed in eval mode on the final weights (the best
/// validation epoch when <see cref="AutoencoderTrainingOptions.RestoreBestWeights"/> is set).
/// <see cref="MeanImageBaselineMse"/> is the validation MSE of always predicting the mean training image: an
/// autoencoder worth using is far below it.
/// </summary>
public sealed class AutoencoderTrainingResult : IDisposable
{
    public required ConvAutoencoder Model { get; init; }

    public required IReadOnlyList<AutoencoderEpochMetrics> History { get; init; }

    public required double TrainMse { get; init; }

    public required double ValidationMse { get; init; }

    public required double MeanImageBaselineMse { get; init; }

    /// <summary>1-based epoch of the best validation MSE (0 when no epoch ran).</summary>
    public required int BestEpoch { get; init; }

    public required bool StoppedEarly { get; init; }

    /// <summary>Epoch the run continued from (0 for a fresh run).</summary>
    public required int ResumedFromEpoch { get; init; }

    public required int TrainCount { get; init; }

    public required int ValidationCount { get; init; }

    public required string ConfigHash { get; init; }

    public int EpochsRun => History.Count;

    public void Dispose() => Model.Dispose();
}
