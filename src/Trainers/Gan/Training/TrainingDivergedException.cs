namespace QGan.MLNet.Trainers.Gan.Training;

/// <summary>Training stopped because a loss or gradient norm became NaN, infinite or larger than the threshold.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Training diverged at <paramref name="iteration"/>: <paramref name="quantity"/> reached <paramref name="value"/> (threshold <paramref name="threshold"/>).</summary>
    public TrainingDivergedException(int iteration, string quantity, double value, double threshold, int? lastCheckpointIteration)
        : base(BuildMessage(iteration, quantity, value, threshold, lastCheckpointIteration))
    {
        Iteration = iteration;
        Quantity = quantity;
        Value = value;
        LastCheckpointIteration = lastCheckpointIteration;
    }

    /// <summary>1-based generator iteration during which the bad value appeared.</summary>
    public int Iteration { get; }

    /// <summary>Name of the quantity (e.g. "critic loss", "generator gradient norm").</summary>
    public string Quantity { get; }

    /// <summary>The value that exceeded the threshold.</summary>
    public double Value { get; }

    /// <summary>Iteration of the last good checkpoint kept on disk, if any.</summary>
    public int? LastCheckpointIteration { get; }

    private static string BuildMessage(int iteration, string quantity, double value, double threshold, int? checkpoint)
    {
        var what = double.IsFinite(value) ? $"exploded to {value:G6} (|x| > {threshold:G6})" : $"is {value}";
        var kept = checkpoint is int c ? $"; the last good checkpoint (iteration {c}) is kept" : "; no checkpoint was written yet";
        return $"training diverged at iteration {iteration}: {quantity} {what}{kept}. Lower the learning rates or tighten gradient clipping.";
    }
}
