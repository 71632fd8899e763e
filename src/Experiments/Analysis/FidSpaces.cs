using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Experiments.Analysis;

/// <summary>The spaces an FID is measured in and the runs.csv column of each.</summary>
public static class FidSpaces
{
    public const string Latent = "latent";
    public const string Feature = "feature";
    public const string Pixel = "pixel";

    public static IReadOnlyList<string> All { get; } = [Latent, Feature, Pixel];

    /// <summary>The runs.csv column of <paramref name="space"/> (<c>fid_infinity</c> for latent with FID-infinity).</summary>
    public static string Column(string space, bool fidInfinity) => space switch
    {
        Latent => fidInfinity ? "fid_infinity" : "fid",
        Feature => "feature_fid",
        Pixel => "pixel_fid",
        _ => throw new ArgumentException($"FID space must be latent, feature or pixel, got '{space}'"),
    };

    /// <summary>The run's FID in <paramref name="space"/>, null when not recorded.</summary>
    public static double? Value(SweepRunRow row, string space, bool fidInfinity) => space switch
    {
        Latent => fidInfinity ? row.FidInfinity : row.Fid,
        Feature => row.FeatureFid,
        Pixel => row.PixelFid,
        _ => throw new ArgumentException($"FID space must be latent, feature or pixel, got '{space}'"),
    };

    /// <summary>The run's JSD in <paramref name="space"/>, null when not recorded.</summary>
    public static double? Jsd(SweepRunRow row, string space) => space switch
    {
        Latent => row.Jsd,
        Feature => row.FeatureJsd,
        Pixel => row.PixelJsd,
        _ => null,
    };
}
