using QGan.MLNet.Experiments.Config;

namespace QGan.MLNet.Experiments.Analysis;

/// <summary>
/// The analysis choices beyond the thresholds in <see cref="SweepAnalysisSettings"/>: the FID space, FID-infinity and
/// the stability criterion's limits (docs/sweep.md, "Analysis").
/// </summary>
/// <param name="Space"><c>latent</c>, <c>feature</c> or <c>pixel</c>: which FID column the inference uses.</param>
/// <param name="FidInfinity">In the latent space, use <c>fid_infinity</c> instead of <c>fid</c>.</param>
/// <param name="MaxTrend">Largest |trend| of a stable run, in standard errors of its cell noise.</param>
/// <param name="MaxNoise">Largest residual SD of a stable run, as a multiple of its cell noise.</param>
internal sealed record AnalysisKnobs(string Space, bool FidInfinity, double MaxTrend, double MaxNoise)
{
    public static AnalysisKnobs From(SweepAnalysisSettings settings) => new(FidSpaces.Latent, false, 3, 2);
}
