using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Experiments.Analysis;

/// <summary>
/// One run as the inference sees it: its row, whether it is stable (judged once on the whole sweep, so the flag travels
/// with the run through bootstrap resamples) and its FID in the space being analysed.
/// </summary>
internal sealed record RunObservation(SweepRunRow Row, bool Stable, double? Value)
{
    /// <summary>A stable run with an FID in this space: it enters its cell's mean.</summary>
    public bool Counts => Stable && Value is not null;

    /// <summary>The learning-rate setting (several per cell when the sweep lists learning rates).</summary>
    public (double?, double?) LearningRates => (Row.GeneratorLr, Row.CriticLr);

    /// <summary>The unit the bootstrap resamples within: the seeds of one generator, critic and learning-rate setting.</summary>
    public string ResampleKey => StabilityCriterion.NoiseCellKey(Row);
}
