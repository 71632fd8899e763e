namespace QGan.MLNet.Trainers.Features;

/// <summary>Loss and accuracy after one epoch; the validation figures are in eval mode on the held-out patches.</summary>
public sealed record Sat4FeatureEpochMetrics(
    int Epoch, double TrainLoss, double TrainAccuracy, double ValidationLoss, double ValidationAccuracy, double Seconds);

/// <summary>A trained classifier (in eval mode; the caller disposes it) and its per-epoch history.</summary>
public sealed class Sat4FeatureTrainingResult
{
    /// <summary>The trained network (owned by the result).</summary>
    public required Sat4FeatureNetwork Model { get; init; }

    /// <summary>Per-epoch metrics.</summary>
    public required IReadOnlyList<Sat4FeatureEpochMetrics> History { get; init; }

    /// <summary>Accuracy on the training patches after training, in eval mode.</summary>
    public required double TrainAccuracy { get; init; }

    /// <summary>Accuracy on the held-out patches (the training set when no validation split was made).</summary>
    public required double ValidationAccuracy { get; init; }

    /// <summary>Final validation cross-entropy.</summary>
    public required double ValidationLoss { get; init; }

    /// <summary>
    /// Confusion matrix of the validation patches (the training patches when no split was made): row = true class,
    /// column = predicted class, in the order barren land, trees, grassland, none.
    /// </summary>
    public required long[][] ValidationConfusion { get; init; }

    /// <summary>Recall per true class from <see cref="ValidationConfusion"/> (NaN for a class without patches).</summary>
    public double[] ValidationClassAccuracy => ValidationConfusion
        .Select((row, c) => row.Sum() is var n and > 0 ? (double)row[c] / n : double.NaN).ToArray();

    /// <summary>Training images.</summary>
    public required int TrainCount { get; init; }

    /// <summary>Validation images.</summary>
    public required int ValidationCount { get; init; }
}
