using System.Reflection;
using System.Runtime.CompilerServices;
using QGan.MLNet.Transforms.Catalog;

namespace QGan.MLNet.Trainers.Tests;

/// <summary>
/// Every entry point on <c>mlContext.QGan()</c> comes with one <c>using QGan.MLNet.Transforms.Catalog;</c>: the
/// extension methods of the sub-catalogs, in every assembly of the project, are declared in that namespace.
/// </summary>
public sealed class CatalogDiscoverabilityTests
{
    private static readonly Assembly[] Assemblies =
    [
        typeof(QGanCatalog).Assembly,                                    // QGan.MLNet.Transforms
        typeof(QGan.MLNet.Trainers.Gan.MLNet.GanEstimator).Assembly,   // QGan.MLNet.Trainers
    ];

    [Fact]
    public void Every_catalog_extension_method_is_in_the_catalog_namespace()
    {
        var catalogs = new[] { typeof(QGanDataCatalog), typeof(QGanTransformsCatalog), typeof(QGanTrainersCatalog), typeof(QGanEvaluatorsCatalog) };
        var extensions = Assemblies.SelectMany(a => a.GetExportedTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.IsDefined(typeof(ExtensionAttribute), false) && catalogs.Contains(m.GetParameters()[0].ParameterType))
            .ToList();

        Assert.True(extensions.Count >= 20, $"only {extensions.Count} catalog methods found");
        Assert.All(extensions, m => Assert.Equal("QGan.MLNet.Transforms.Catalog", m.DeclaringType!.Namespace));
        var names = extensions.Select(m => m.Name).ToHashSet();
        foreach (var expected in new[] { "Synthetic", "LoadSat4", "EncodeLatent", "DecodeLatent", "ExtractOnnxFeatures", "ExtractSat4Features",
            "GenerateImages", "LoadAutoencoder", "Autoencoder", "QuantumGan", "ClassicalGan", "LoadGanGenerator", "ExportGeneratorOnnx",
            "Sat4FeatureNetwork", "Evaluate", "PixelSpace", "LatentSpace", "OnnxFeatureSpace", "Sat4FeatureSpace" })
        {
            Assert.Contains(expected, names);
        }
    }
}
