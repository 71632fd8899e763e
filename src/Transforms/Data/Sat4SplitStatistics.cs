namespace QGan.MLNet.Transforms.Data;

/// <summary>
/// Exact summary of one split: patch count, per-class counts and per-band sums of the uint8 values (the
/// numbers <c>qgan data inspect</c> prints), plus per-band mean and standard deviation on the uint8 scale.
/// </summary>
public sealed record Sat4SplitStatistics(
    string Name,
    int Count,
    IReadOnlyList<int> ClassCounts,
    IReadOnlyList<long> ChannelSums,
    IReadOnlyList<double> ChannelMeans,
    IReadOnlyList<double> ChannelStdDevs)
{
    /// <summary>Statistics of the whole split.</summary>
    public static Sat4SplitStatistics Compute(Sat4Split split) => Compute(split, onlyLabel: null);

    /// <summary>Statistics of the patches of one class (<see cref="Name"/> = the class name).</summary>
    public static Sat4SplitStatistics ComputeForClass(Sat4Split split, int label) => Compute(split, label);

    private static Sat4SplitStatistics Compute(Sat4Split split, int? onlyLabel)
    {
        ArgumentNullException.ThrowIfNull(split);
        var classCounts = new int[Sat4Schema.ClassCount];
        foreach (var label in split.Labels)
        {
            if (onlyLabel is null || label == onlyLabel)
            {
                classCounts[label]++;
            }
        }

        // Integer accumulation: sums and sums of squares are exact, so means/std do not depend on summation order.
        var sums = new long[Sat4Schema.Channels];
        var squares = new long[Sat4Schema.Channels];
        var pixels = split.Pixels;
        var count = 0;
        for (var i = 0; i < split.Count; i++)
        {
            if (onlyLabel is { } wanted && split.Labels[i] != wanted)
            {
                continue;
            }
            count++;
            var patch = pixels.AsSpan(i * Sat4Schema.PixelCount, Sat4Schema.PixelCount);
            for (var c = 0; c < Sat4Schema.Channels; c++)
            {
                long s = 0, q = 0;
                foreach (var v in patch.Slice(c * Sat4Schema.PlaneSize, Sat4Schema.PlaneSize))
                {
                    s += v;
                    q += v * v;
                }
                sums[c] += s;
                squares[c] += q;
            }
        }

        var n = (double)count * Sat4Schema.PlaneSize;
        var means = new double[Sat4Schema.Channels];
        var stds = new double[Sat4Schema.Channels];
        for (var c = 0; c < Sat4Schema.Channels && n > 0; c++)
        {
            means[c] = sums[c] / n;
            stds[c] = Math.Sqrt(Math.Max(0, squares[c] / n - means[c] * means[c]));
        }
        var name = onlyLabel is { } k ? Sat4Schema.ClassNames[k] : split.Name;
        return new Sat4SplitStatistics(name, count, classCounts, sums, means, stds);
    }
}
