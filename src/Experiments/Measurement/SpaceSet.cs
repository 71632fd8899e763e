using QGan.MLNet.Transforms.Evaluation;

namespace QGan.MLNet.Experiments.Measurement;

/// <summary>
/// One set of samples (real or generated) in every space the maps support: its latents, the decoded images and their
/// features, with the statistics FID and JSD need, computed once and reused for every comparison.
/// </summary>
public sealed class SpaceSet
{
    private readonly float[][] _latents;
    private readonly float[][]? _images;
    private readonly float[][]? _features;
    private readonly string _name;
    private readonly int _channels;
    private GaussianMoments? _latentMoments, _featureMoments;
    private BandHistograms? _bands;

    private SpaceSet(string name, float[][] latents, float[][]? images, int channels, float[][]? features)
    {
        _name = name;
        _channels = channels;
        _latents = latents;
        _images = images;
        _features = features;
    }

    /// <summary>Rows in the set.</summary>
    public int Count => _latents.Length;

    /// <summary>The latent rows.</summary>
    public IReadOnlyList<float[]> Latents => _latents;

    /// <summary>Builds the set from row-major latents of width <paramref name="width"/> (decoding and featurising them when the maps can).</summary>
    public static SpaceSet From(ReadOnlySpan<float> latents, int width, SpaceMaps maps, string name)
    {
        ArgumentNullException.ThrowIfNull(maps);
        var rows = Split(latents, width);
        float[][]? images = null, features = null;
        if (maps.Decoder is { } decoder)
        {
            images = Split(decoder.Decode(latents), decoder.ImageLength);
            if (maps.Features is { } extractor)
            {
                features = extractor.Extract(images);
            }
        }
        return new SpaceSet(name, rows, images, maps.Decoder?.Channels ?? 0, features);
    }

    /// <summary>
    /// FID and JSD of <paramref name="generated"/> against this set in <paramref name="space"/>; the pixel FID (a
    /// C*H*W covariance) only with <paramref name="pixelFid"/>. Null when the space is not available.
    /// </summary>
    public SpaceQuality? Compare(SpaceSet generated, string space, bool pixelFid = false)
    {
        ArgumentNullException.ThrowIfNull(generated);
        switch (space)
        {
            case QualitySpace.Latent:
                return new SpaceQuality(
                    FrechetDistance.Compute(LatentMoments, generated.LatentMoments).Value,
                    FeatureHistogramJsd.Compute(_latents, generated._latents, FeatureHistogramJsd.DefaultBins, _name, generated._name).Mean);
            case QualitySpace.Feature when _features is not null && generated._features is not null:
                return new SpaceQuality(
                    FrechetDistance.Compute(FeatureMoments, generated.FeatureMoments).Value,
                    FeatureHistogramJsd.Compute(_features, generated._features, FeatureHistogramJsd.DefaultBins, _name, generated._name).Mean);
            case QualitySpace.Pixel when _images is not null && generated._images is not null:
                return new SpaceQuality(
                    pixelFid ? SubspaceFrechet.Compute(_images, generated._images) : null,
                    BandHistograms.Compare(Bands, generated.Bands).Mean);
            case QualitySpace.Latent or QualitySpace.Feature or QualitySpace.Pixel:
                return null;
            default:
                throw new ArgumentException($"unknown space '{space}' (latent, feature or pixel)", nameof(space));
        }
    }

    private GaussianMoments LatentMoments => _latentMoments ??= GaussianMoments.FromRows(_latents, _name);

    private GaussianMoments FeatureMoments => _featureMoments ??= GaussianMoments.FromRows(_features!, _name);

    private BandHistograms Bands
    {
        get
        {
            if (_bands is null)
            {
                var bands = new BandHistograms(_channels, _name);
                foreach (var image in _images!)
                {
                    bands.AddChw(image);
                }
                _bands = bands;
            }
            return _bands;
        }
    }

    internal GaussianMoments LatentStatistics => LatentMoments;

    /// <summary>Row-major values as rows of <paramref name="width"/>.</summary>
    internal static float[][] Split(ReadOnlySpan<float> values, int width)
    {
        var rows = new float[values.Length / width][];
        for (int r = 0; r < rows.Length; r++)
        {
            rows[r] = values.Slice(r * width, width).ToArray();
        }
        return rows;
    }
}

/// <summary>FID and JSD in one space (FID null where it was not computed, e.g. the pixel FID outside the best cells).</summary>
public sealed record SpaceQuality(double? Fid, double Jsd);
