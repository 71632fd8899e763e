using QGan.MLNet.Trainers.Gan.Evaluation;
using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Trainers.Hardware;

/// <summary>FID / JSD of a generated set against a reference set; null where not available (no decoder, no pixel FID).</summary>
public sealed record QualityFigures(double? LatentFid, double? LatentJsd, double? PixelJsd, double? PixelFid)
{
    internal static QualityFigures From(GanQuality q) => new(q.LatentFid, q.LatentJsd, q.PixelJsd, q.PixelFid);
}

/// <summary>
/// How far the measured latents are from the exact generator on the same noise vectors, per output value.
/// <see cref="ExpectedShotRms"/> is what an ideal device with the same shot counts gives on average,
/// sqrt(mean over outputs of (1 - e^2) / N) with e the exact expectation: a ratio RMS / expected near 1 means
/// shot noise alone, well above 1 means device noise (bias from gate and readout errors).
/// </summary>
public sealed record LatentDeviation(double Rms, double MaxAbs, double MeanBias, double ExpectedShotRms);

/// <summary>Measured and noise-free generator both against real data latents.</summary>
public sealed record DataComparison(string Source, int Rows, QualityFigures Hardware, QualityFigures NoiseFree);

/// <summary>Everything <c>qgan hardware-sim</c> and <c>qgan import-counts</c> report about a set of measured latents.</summary>
public sealed record HardwareComparison(QualityFigures VsNoiseFree, LatentDeviation Deviation, DataComparison? VsData);

/// <summary>
/// Evaluates measured generator outputs (from simulated or real device counts) with the project's metrics
/// (<see cref="GanQualityEvaluator"/>): against the exact generator on the same noise vectors, and against data.
/// </summary>
public static class HardwareEvaluator
{
    /// <param name="measured">Latents estimated from counts, one row per sample.</param>
    /// <param name="exact">Exact generator outputs on the same noise vectors.</param>
    /// <param name="shots">Shots per circuit of each sample (for the expected shot-noise level).</param>
    /// <param name="data">Real latents to compare with (null: no data comparison).</param>
    /// <param name="decoder">Decoder for the pixel-space metrics (null: latent metrics only).</param>
    /// <param name="pixelFid">Also the pixel-space FID (a C*H*W covariance; slow).</param>
    public static HardwareComparison Evaluate(IReadOnlyList<double[]> measured, IReadOnlyList<double[]> exact, IReadOnlyList<long> shots,
        LatentDataSet? data = null, ILatentDecoder? decoder = null, bool pixelFid = false)
    {
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(exact);
        ArgumentNullException.ThrowIfNull(shots);
        if (measured.Count == 0 || measured.Count != exact.Count || measured.Count != shots.Count)
        {
            throw new ArgumentException($"need the same non-zero number of measured ({measured.Count}) and exact ({exact.Count}) rows and shot counts ({shots.Count})");
        }
        int width = exact[0].Length;
        var measuredFlat = Flatten(measured, width, "measured");
        var exactFlat = Flatten(exact, width, "exact");
        var deviation = Deviation(measured, exact, shots);
        var vsNoiseFree = QualityFigures.From(new GanQualityEvaluator(decoder, pixelFid).Evaluate(exactFlat, measuredFlat, width));
        DataComparison? vsData = null;
        if (data is not null)
        {
            if (data.Width != width)
            {
                throw new InvalidDataException($"{data.Source}: latents have {data.Width} values, the generator produces {width}");
            }
            // One evaluator: the statistics of the data are computed once and reused for both generated sets.
            var evaluator = new GanQualityEvaluator(decoder, pixelFid);
            var hardware = QualityFigures.From(evaluator.Evaluate(data.Values, measuredFlat, width));
            var noiseFree = QualityFigures.From(evaluator.Evaluate(data.Values, exactFlat, width));
            vsData = new DataComparison(data.Source, data.Rows, hardware, noiseFree);
        }
        return new HardwareComparison(vsNoiseFree, deviation, vsData);
    }

    /// <summary>RMS, largest and mean signed difference measured - exact, and the ideal-device shot-noise RMS.</summary>
    public static LatentDeviation Deviation(IReadOnlyList<double[]> measured, IReadOnlyList<double[]> exact, IReadOnlyList<long> shots)
    {
        double sumSq = 0, maxAbs = 0, sum = 0, variance = 0;
        long n = 0;
        for (int r = 0; r < measured.Count; r++)
        {
            if (measured[r].Length != exact[r].Length)
            {
                throw new ArgumentException($"sample {r}: {measured[r].Length} measured values, {exact[r].Length} exact values");
            }
            if (shots[r] < 1)
            {
                throw new ArgumentException($"sample {r}: shots must be >= 1, got {shots[r]}");
            }
            for (int k = 0; k < exact[r].Length; k++)
            {
                double d = measured[r][k] - exact[r][k];
                sumSq += d * d;
                sum += d;
                maxAbs = Math.Max(maxAbs, Math.Abs(d));
                variance += Math.Max(0, 1 - exact[r][k] * exact[r][k]) / shots[r];
                n++;
            }
        }
        return new LatentDeviation(Math.Sqrt(sumSq / n), maxAbs, sum / n, Math.Sqrt(variance / n));
    }

    private static float[] Flatten(IReadOnlyList<double[]> rows, int width, string name)
    {
        var flat = new float[rows.Count * width];
        for (int r = 0; r < rows.Count; r++)
        {
            if (rows[r].Length != width)
            {
                throw new ArgumentException($"{name} row {r} has {rows[r].Length} values, expected {width}");
            }
            for (int k = 0; k < width; k++)
            {
                flat[r * width + k] = (float)rows[r][k];
            }
        }
        return flat;
    }
}
