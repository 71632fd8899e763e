namespace QGan.MLNet.Trainers.Autoencoder;

/// <summary>
/// Outcome of a training run. The MSEs are per pixel value, computed in eval mode on the final weights (the best
/// validation epoch when <see cref="AutoencoderTrainingOptions.RestoreBestWeights"/> is set).
/// <see cref="MeanImageBaselineMse"/> is the validation MSE of always predicting the mean training image: an
/// autoencoder worth using is far below it.
/// </summary>
public sealed class AutoencoderTrainingResult : IDisposable
{
    /// <summary>The trained network (owned by the result; dispose it).</summary>
    public required ConvAutoencoder Model { get; init; }

    /// <summary>Per-epoch metrics.</summary>
    public required IReadOnlyList<AutoencoderEpochMetrics> History { get; init; }

    /// <summary>Final training MSE.</summary>
    public required double TrainMse { get; init; }

    /// <summary>Best validation MSE.</summary>
    public required double ValidationMse { get; init; }

    /// <summary>Validation MSE of always predicting the mean training image.</summary>
    public required double MeanImageBaselineMse { get; init; }

    /// <summary>1-based epoch of the best validation MSE (0 when no epoch ran).</summary>
    public required int BestEpoch { get; init; }

    /// <summary>True when early stopping ended the run.</summary>
    public required bool StoppedEarly { get; init; }

    /// <summary>Epoch the run continued from (0 for a fresh run).</summary>
    public required int ResumedFromEpoch { get; init; }

    /// <summary>Training images.</summary>
    public required int TrainCount { get; init; }

    /// <summary>Validation images.</summary>
    public required int ValidationCount { get; init; }

    /// <summary>Hash of everything that changes the training trajectory (checkpoints must match it).</summary>
    public required string ConfigHash { get; init; }

    /// <summary>Epochs trained.</summary>
    public int EpochsRun => History.Count;

    /// <inheritdoc/>
    public void Dispose() => Model.Dispose();
}
