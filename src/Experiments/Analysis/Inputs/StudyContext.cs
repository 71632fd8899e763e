using QGan.MLNet.Experiments.Config;

namespace QGan.MLNet.Experiments.Analysis;

/// <summary>
/// What the analysis reads besides runs.csv and the analysis settings: the optional files of a sweep directory and
/// the constants of the config that the cost comparison (RQ5) needs. Everything is optional.
/// </summary>
/// <param name="NoiseFloor"><c>noise-floor.json</c>.</param>
/// <param name="Autoencoders"><c>autoencoders.json</c>.</param>
/// <param name="Costs">Constants for the analytic costs (null: those columns stay empty).</param>
public sealed record StudyContext(NoiseFloorFile? NoiseFloor = null, AutoencoderCatalog? Autoencoders = null, CostConstants? Costs = null)
{
    public static StudyContext Empty { get; } = new();

    /// <summary>The optional files of sweep directory <paramref name="directory"/> and the cost constants of <paramref name="config"/>.</summary>
    public static StudyContext Load(string directory, SweepConfig config) =>
        new(NoiseFloorFile.LoadFrom(directory), AutoencoderCatalog.LoadFrom(directory), CostConstants.From(config));
}
