namespace QGan.MLNet.Cli.Demo;

/// <summary>
/// Finds files shipped in the repository (<c>models/sat4-synthetic</c>, <c>models/noise/...</c>) whether the tool runs
/// from the repository root, a subfolder, or its build output folder.
/// </summary>
internal static class DemoAssets
{
    public const string Autoencoder = "models/sat4-synthetic";
    public const string NoiseModel = "models/noise/ibm-heron-like.json";
    public const string FeatureModel = "models/sat4-features/features.onnx";

    /// <summary>The first existing <paramref name="relative"/> path above the current folder or the executable's folder; null if none.</summary>
    public static string? Find(string relative)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(candidate) || Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }
}
