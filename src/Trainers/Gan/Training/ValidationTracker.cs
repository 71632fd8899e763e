namespace QGan.MLNet.Trainers.Gan.Training;

/// <summary>
/// The validation-FID bookkeeping of a run (part of its checkpoint, so a resumed run stops where an uninterrupted one
/// stops): the lowest validation FID and its iteration and generator weights, and the plateau counter of
/// <see cref="EarlyStopOptions"/>.
/// </summary>
/// <param name="BestFid">Lowest finite validation FID seen (+infinity before the first finite one).</param>
/// <param name="BestIteration">Iteration of <paramref name="BestFid"/> (-1 before it).</param>
/// <param name="PlateauReference">Validation FID of the last improving evaluation (+infinity before the first).</param>
/// <param name="EvaluationsWithoutImprovement">Evaluations since the last improvement.</param>
/// <param name="BestGenerator">The generator's state dict at <paramref name="BestIteration"/> (TorchSharp format).</param>
public sealed record ValidationState(double BestFid, int BestIteration, double PlateauReference, int EvaluationsWithoutImprovement, byte[]? BestGenerator)
{
    /// <summary>The state before the first evaluation.</summary>
    public static ValidationState Initial { get; } = new(double.PositiveInfinity, -1, double.PositiveInfinity, 0, null);

    /// <summary>
    /// The state after one evaluation. <paramref name="captureGenerator"/> is called only when the FID is a new best.
    /// A non-finite FID (a broken generator) is never an improvement.
    /// </summary>
    public ValidationState Observe(int iteration, double fid, double minImprovement, Func<byte[]> captureGenerator)
    {
        ArgumentNullException.ThrowIfNull(captureGenerator);
        var next = this;
        if (double.IsFinite(fid) && fid < BestFid)
        {
            next = next with { BestFid = fid, BestIteration = iteration, BestGenerator = captureGenerator() };
        }
        bool improves = double.IsFinite(fid) && (double.IsPositiveInfinity(PlateauReference) || fid <= PlateauReference * (1 - minImprovement));
        return improves
            ? next with { PlateauReference = fid, EvaluationsWithoutImprovement = 0 }
            : next with { EvaluationsWithoutImprovement = EvaluationsWithoutImprovement + 1 };
    }
}
