namespace QGan.MLNet.Experiments.Measurement;

/// <summary>
/// Generator inference cost per sample (docs/sweep.md, "Timing"): one warm-up batch, then <see cref="Repeats"/> timed
/// batches of <see cref="BatchSize"/> samples; the median batch's CPU seconds (of the process) divided by the batch
/// size. The caller runs it on one thread (the sweep's workers: one libtorch thread, a one-thread quantum simulator),
/// so this is the cost on one core; CPU time rather than wall clock keeps it from growing when other processes share
/// the cores.
/// </summary>
public static class InferenceTiming
{
    public const int BatchSize = 256;

    public const int Repeats = 5;

    /// <param name="generate">Generates the given number of samples (the result is discarded).</param>
    public static double SecondsPerSample(Action<int> generate)
    {
        ArgumentNullException.ThrowIfNull(generate);
        generate(BatchSize);
        var times = new double[Repeats];
        for (int r = 0; r < Repeats; r++)
        {
            var start = Environment.CpuUsage.TotalTime;
            generate(BatchSize);
            times[r] = (Environment.CpuUsage.TotalTime - start).TotalSeconds;
        }
        Array.Sort(times);
        return times[Repeats / 2] / BatchSize;
    }
}
