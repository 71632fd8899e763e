using Microsoft.ML;

namespace QGan.MLNet.Transforms.Evaluation;

/// <summary>Computes FID and JSD of a real and a generated set in each configured feature space.</summary>
internal static class GanEvaluator
{
    public static GanEvaluationMetrics Evaluate(IDataView real, IDataView generated, GanEvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(generated);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Spaces.Count == 0)
        {
            throw new ArgumentException("No feature space to evaluate in.", nameof(options));
        }
        var duplicate = options.Spaces.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Feature space '{duplicate.Key}' is configured twice.", nameof(options));
        }
        return new GanEvaluationMetrics(options.Spaces.Select(space => EvaluateSpace(
            space,
            FeatureRowReader.Read(real, space, options.RealSetName),
            FeatureRowReader.Read(generated, space, options.GeneratedSetName),
            options)));
    }

    /// <summary>Metrics of one space from two streams of rows.</summary>
    public static FeatureSpaceMetrics EvaluateSpace(FeatureSpace space, IEnumerable<float[]> real,
        IEnumerable<float[]> generated, GanEvaluationOptions options)
    {
        var a = Accumulate(space, real, options.RealSetName, options);
        var b = Accumulate(space, generated, options.GeneratedSetName, options);
        if (a.Dimension != b.Dimension)
        {
            throw new InvalidDataException(
                $"{space.Name}: {options.RealSetName} has {a.Dimension} features per row, {options.GeneratedSetName} has {b.Dimension}.");
        }
        var warnings = new List<string>();
        FrechetDistanceResult? fid = null;
        if (options.ComputeFid)
        {
            var ma = a.Moments!.ToMoments();
            var mb = b.Moments!.ToMoments();
            fid = FrechetDistance.Compute(ma, mb);
            warnings.AddRange(EvaluationWarnings.ForMoments(ma, mb));
        }
        double? jsd = null;
        double[]? components = null;
        if (options.ComputeJsd)
        {
            if (space.Kind == FeatureSpaceKind.Pixel)
            {
                var result = BandHistograms.Compare(a.Histograms!, b.Histograms!);
                jsd = result.Mean;
                components = [.. result.PerBand];
                foreach (var h in new[] { a.Histograms!, b.Histograms! })
                {
                    if (h.ClampedValues > 0)
                    {
                        warnings.Add($"{h.SetName}: {h.ClampedValues} pixel values outside [0, 1] were clamped into the end bins.");
                    }
                }
            }
            else
            {
                var result = FeatureHistogramJsd.Compute(a.Rows!, b.Rows!, options.FeatureJsdBins,
                    options.RealSetName, options.GeneratedSetName);
                jsd = result.Mean;
                components = [.. result.PerDimension];
            }
        }
        return new FeatureSpaceMetrics(space.Name, space.Kind, a.Dimension, a.Count, b.Count, fid, jsd, components, warnings);
    }

    private static SetStatistics Accumulate(FeatureSpace space, IEnumerable<float[]> rows, string setName,
        GanEvaluationOptions options)
    {
        var stats = new SetStatistics();
        foreach (var row in rows)
        {
            if (stats.Count == 0)
            {
                stats.Dimension = row.Length;
                if (row.Length == 0)
                {
                    throw new InvalidDataException($"{space.Name}: {setName}: row 0 (0-based) is empty.");
                }
                if (options.ComputeFid)
                {
                    stats.Moments = new MomentAccumulator(row.Length, setName);
                }
                if (options.ComputeJsd)
                {
                    if (space.Kind == FeatureSpaceKind.Pixel)
                    {
                        stats.Histograms = new BandHistograms(space.Bands, setName);
                    }
                    else
                    {
                        stats.Rows = [];
                    }
                }
            }
            else if (row.Length != stats.Dimension)
            {
                throw new InvalidDataException(
                    $"{space.Name}: {setName}: row {stats.Count} (0-based) has {row.Length} values, expected {stats.Dimension}.");
            }
            stats.Moments?.Add(row);
            stats.Histograms?.AddChw(row);
            stats.Rows?.Add(row);
            stats.Count++;
        }
        if (stats.Count == 0)
        {
            throw new InvalidDataException($"{space.Name}: {setName}: no rows.");
        }
        return stats;
    }

    private sealed class SetStatistics
    {
        public long Count;
        public int Dimension;
        public MomentAccumulator? Moments;
        public BandHistograms? Histograms;
        public List<float[]>? Rows;
    }
}
