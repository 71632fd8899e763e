using QGan.MLNet.Trainers.Features;

// Catalog extensions live beside QGanCatalog so `using QGan.MLNet.Transforms.Catalog;` brings in every entry point.
namespace QGan.MLNet.Transforms.Catalog;

/// <summary><c>mlContext.QGan().Trainers.Sat4FeatureNetwork(outputDirectory, options)</c>.</summary>
public static class Sat4FeatureCatalogExtensions
{
    /// <summary>
    /// Trains the SAT-4 feature network on the <c>Image</c>/<c>Label</c> columns, saves it to
    /// <paramref name="outputDirectory"/> and returns a transformer adding its 128 features as <paramref name="outputColumnName"/>.
    /// </summary>
    public static Sat4FeatureNetworkEstimator Sat4FeatureNetwork(this QGanTrainersCatalog catalog, string outputDirectory,
        Sat4FeatureTrainingOptions? options = null, string outputColumnName = "Features")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new Sat4FeatureNetworkEstimator(catalog.Context, outputDirectory, options, outputColumnName);
    }
}
