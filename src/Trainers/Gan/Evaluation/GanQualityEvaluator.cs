using QGan.MLNet.Transforms.Evaluation;

namespace QGan.MLNet.Trainers.Gan.Evaluation;

/// <summary>
/// The project's quality metrics on a generator: in latent space the Fréchet distance and the per-dimension
/// histogram JSD; with a decoder, in pixel space the per-band intensity JSD and (optionally, it is a
/// C*H*W-dimensional covariance) the pixel Fréchet distance. The statistics of the real set are computed once.
/// </summary>
public sealed class GanQualityEvaluator : IGanQualityEvaluator
{
    private readonly ILatentDecoder? _decoder;
    private readonly bool _pixelFid;
    private readonly int _bins;
    private (int Key, float[][] Rows, BandHistograms? Bands, float[][]? Images)? _real;

    /// <param name="decoder">Decoder for the pixel-space metrics; null for latent metrics only.</param>
    /// <param name="pixelFid">Also compute the Fréchet distance of decoded images (costly: a C*H*W covariance).</param>
    /// <param name="jsdBins">Histogram bins per latent dimension.</param>
    public GanQualityEvaluator(ILatentDecoder? decoder = null, bool pixelFid = false, int jsdBins = FeatureHistogramJsd.DefaultBins)
    {
        if (pixelFid && decoder is null)
        {
            throw new ArgumentException("the pixel-space FID needs a decoder", nameof(pixelFid));
        }
        _decoder = decoder;
        _pixelFid = pixelFid;
        _bins = jsdBins;
    }

    /// <summary>Latent FID and JSD (and pixel JSD with a decoder) of generated against held-out latents.</summary>
    public GanQuality Evaluate(ReadOnlySpan<float> real, ReadOnlySpan<float> generated, int width)
    {
        if (_decoder is not null && _decoder.LatentDimension != width)
        {
            throw new ArgumentException($"the decoder takes {_decoder.LatentDimension} latent values, the generator produces {width}");
        }
        var realStats = RealStatistics(real, width);
        var fakeRows = Rows(generated, width);
        double latentFid = FrechetDistance.Compute(realStats.Rows, fakeRows);
        double latentJsd = FeatureHistogramJsd.Compute(realStats.Rows, fakeRows, _bins, "held-out", "generated").Mean;
        if (_decoder is null)
        {
            return new GanQuality(latentFid, latentJsd);
        }
        var images = _decoder.Decode(generated);
        var bands = new BandHistograms(_decoder.Channels, "generated");
        var imageRows = Rows(images, _decoder.ImageLength);
        foreach (var image in imageRows)
        {
            bands.AddChw(image);
        }
        double pixelJsd = BandHistograms.Compare(realStats.Bands!, bands).Mean;
        double? pixelFid = _pixelFid ? FrechetDistance.Compute(realStats.Images!, imageRows) : null;
        return new GanQuality(latentFid, latentJsd, pixelFid, pixelJsd);
    }

    private (int Key, float[][] Rows, BandHistograms? Bands, float[][]? Images) RealStatistics(ReadOnlySpan<float> real, int width)
    {
        var hash = new HashCode();
        hash.Add(real.Length);
        foreach (var v in real)
        {
            hash.Add(v);
        }
        int key = hash.ToHashCode();
        if (_real is { } cached && cached.Key == key)
        {
            return cached;
        }
        var rows = Rows(real, width);
        BandHistograms? bands = null;
        float[][]? images = null;
        if (_decoder is not null)
        {
            images = Rows(_decoder.Decode(real), _decoder.ImageLength);
            bands = new BandHistograms(_decoder.Channels, "held-out");
            foreach (var image in images)
            {
                bands.AddChw(image);
            }
        }
        _real = (key, rows, bands, _pixelFid ? images : null);
        return _real.Value;
    }

    private static float[][] Rows(ReadOnlySpan<float> values, int width)
    {
        var rows = new float[values.Length / width][];
        for (int r = 0; r < rows.Length; r++)
        {
            rows[r] = values.Slice(r * width, width).ToArray();
        }
        return rows;
    }
}
