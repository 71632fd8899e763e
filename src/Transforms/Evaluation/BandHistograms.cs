namespace QGan.MLNet.Transforms.Evaluation;

/// <summary>
/// 256-bin histograms of 8-bit pixel intensities, one per band, pooled over all images of a set.
/// </summary>
/// <remarks>
/// Two layouts feed it: the project's <c>Image</c> column (CHW floats in [0, 1], band = index / (H W)) and the
/// Kaggle SAT-4 CSV rows (HWC integers 0..255, band = index % bands). Float intensities map to bins by
/// <c>bin = clamp(round(v * 255), 0, 255)</c> with midpoints rounded away from zero, which is exact for images
/// stored as <c>uint8 / 255</c>.
/// </remarks>
public sealed class BandHistograms
{
    /// <summary>Bins per band (256: one per 8-bit intensity).</summary>
    public const int Bins = 256;

    private readonly long[][] _counts;

    /// <summary>Empty histograms for <paramref name="bands"/> bands; <paramref name="setName"/> names the image set in errors.</summary>
    public BandHistograms(int bands, string setName = "set")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bands, 1);
        _counts = new long[bands][];
        for (var b = 0; b < bands; b++)
        {
            _counts[b] = new long[Bins];
        }
        SetName = setName;
    }

    /// <summary>The image set, for messages.</summary>
    public string SetName { get; }

    /// <summary>Number of bands.</summary>
    public int Bands => _counts.Length;

    /// <summary>Images added so far.</summary>
    public long Images { get; private set; }

    /// <summary>Float intensities outside [0, 1] (beyond half a level) that were clamped into the end bins.</summary>
    public long ClampedValues { get; private set; }

    /// <summary>Counts of band <paramref name="band"/> (256 bins).</summary>
    public ReadOnlySpan<long> Counts(int band) => _counts[band];

    /// <summary>Maps a [0, 1] intensity to its 8-bit bin: <c>clamp(round(v * 255), 0, 255)</c>.</summary>
    public static int BinOf(float value) =>
        (int)Math.Clamp(Math.Round(value * 255.0, MidpointRounding.AwayFromZero), 0, 255);

    /// <summary>Adds one image in CHW layout with values in [0, 1] (length = bands x pixels).</summary>
    public void AddChw(ReadOnlySpan<float> image)
    {
        var pixels = PixelsPerBand(image.Length);
        for (var b = 0; b < Bands; b++)
        {
            var counts = _counts[b];
            var plane = image.Slice(b * pixels, pixels);
            for (var i = 0; i < plane.Length; i++)
            {
                var v = plane[i];
                if (!float.IsFinite(v))
                {
                    throw new InvalidDataException(
                        $"{SetName}: image {Images} (0-based) has a non-finite value ({v}) at band {b}, pixel {i}.");
                }
                if (v < -0.5f / 255 || v > 1 + 0.5f / 255)
                {
                    ClampedValues++;
                }
                counts[BinOf(v)]++;
            }
        }
        Images++;
    }

    /// <summary>Adds one image in HWC (channels-last) layout with 8-bit intensities.</summary>
    public void AddHwc(ReadOnlySpan<byte> image)
    {
        PixelsPerBand(image.Length);
        var bands = Bands;
        for (var i = 0; i < image.Length; i++)
        {
            _counts[i % bands][image[i]]++;
        }
        Images++;
    }

    /// <summary>JSD (base 2) per band between two sets, and their mean.</summary>
    public static PixelJsdResult Compare(BandHistograms a, BandHistograms b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Bands != b.Bands)
        {
            throw new ArgumentException($"{a.SetName} has {a.Bands} bands, {b.SetName} has {b.Bands}.");
        }
        if (a.Images == 0 || b.Images == 0)
        {
            throw new InvalidDataException($"{(a.Images == 0 ? a.SetName : b.SetName)}: no images.");
        }
        var perBand = new double[a.Bands];
        for (var band = 0; band < perBand.Length; band++)
        {
            perBand[band] = JensenShannon.Divergence(a.Counts(band), b.Counts(band));
        }
        return new PixelJsdResult(perBand);
    }

    private int PixelsPerBand(int length)
    {
        if (length == 0 || length % Bands != 0)
        {
            throw new InvalidDataException(
                $"{SetName}: image {Images} (0-based) has {length} values, not a positive multiple of {Bands} bands.");
        }
        return length / Bands;
    }
}

/// <summary>Per-band pixel-intensity JSD and the mean over bands.</summary>
public sealed class PixelJsdResult
{
    private readonly double[] _perBand;

    internal PixelJsdResult(double[] perBand)
    {
        _perBand = perBand;
        Mean = perBand.Average();
    }

    /// <summary>Mean of the per-band divergences.</summary>
    public double Mean { get; }

    /// <summary>JSD of each band (R, G, B, NIR for SAT-4).</summary>
    public IReadOnlyList<double> PerBand => _perBand;
}
