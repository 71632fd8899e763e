using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Cli.Demo;

/// <summary>The shipped files the demo uses (<see cref="ShippedModels"/>: next to the tool first, then the repository).</summary>
internal static class DemoAssets
{
    public const string Autoencoder = ShippedModels.Sat4SyntheticAutoencoder;
    public const string NoiseModel = ShippedModels.IbmHeronLikeNoise;
    public const string FeatureModel = ShippedModels.Sat4FeatureNetwork;

    /// <summary>The shipped <paramref name="relative"/> path, or null if none is found.</summary>
    public static string? Find(string relative) => ShippedModels.Find(relative);
}
