namespace QGan.MLNet.Transforms.IO;

/// <summary>
/// The models that ship with the packages and the <c>qgan</c> tool (<c>models/...</c>): the packages copy them next to
/// the application (<see cref="AppContext.BaseDirectory"/>), where they are looked for first; a repository checkout
/// also finds them from the working directory upwards.
/// </summary>
public static class ShippedModels
{
    /// <summary>The compact SAT-4 autoencoder trained on synthetic data (<c>encoder.onnx</c>, <c>decoder.onnx</c>, <c>autoencoder.json</c>).</summary>
    public const string Sat4SyntheticAutoencoder = "models/sat4-synthetic";

    /// <summary>The project's SAT-4 feature network (<c>features.onnx</c>, 128 features per image).</summary>
    public const string Sat4FeatureNetwork = "models/sat4-features/features.onnx";

    /// <summary>The IBM-Heron-like device noise model (JSON, <c>NoiseModelJson</c>).</summary>
    public const string IbmHeronLikeNoise = "models/noise/ibm-heron-like.json";

    /// <summary>
    /// The first existing <paramref name="relative"/> path (file or folder): next to the application, then above the
    /// working directory, then above the application folder; null when there is none.
    /// </summary>
    public static string? Find(string relative)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relative);
        var beside = Path.Combine(AppContext.BaseDirectory, relative);
        if (File.Exists(beside) || Directory.Exists(beside))
        {
            return beside;
        }
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

    /// <summary>Like <see cref="Find"/>, but a missing model is a <see cref="FileNotFoundException"/> naming it.</summary>
    public static string Require(string relative) => Find(relative)
        ?? throw new FileNotFoundException($"the shipped model '{relative}' was found neither next to the application ({AppContext.BaseDirectory}) nor above the working directory", relative);
}
