using QGan.MLNet.Trainers.Gan.MLNet;

// Catalog extensions live beside QGanCatalog so `using QGan.MLNet.Transforms.Catalog;` brings in every entry point.
namespace QGan.MLNet.Transforms.Catalog;

/// <summary>WGAN-GP latent GAN trainers on <c>mlContext.QGan().Trainers</c>.</summary>
public static class GanTrainersCatalogExtensions
{
    /// <summary>WGAN-GP with the style-based quantum circuit as generator (simulated, exact expectation values).</summary>
    public static GanEstimator QuantumGan(this QGanTrainersCatalog catalog, QuantumGanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new GanEstimator(catalog.Context, options ?? new QuantumGanOptions());
    }

    /// <summary>WGAN-GP with an MLP generator (tanh output).</summary>
    public static GanEstimator ClassicalGan(this QGanTrainersCatalog catalog, ClassicalGanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new GanEstimator(catalog.Context, options ?? new ClassicalGanOptions());
    }

    /// <summary>WGAN-GP with the quantum generator, configured in place: <c>QuantumGan(o =&gt; { o.Layers = 4; o.Iterations = 500; })</c>.</summary>
    public static GanEstimator QuantumGan(this QGanTrainersCatalog catalog, Action<QuantumGanOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new QuantumGanOptions();
        configure(options);
        return catalog.QuantumGan(options);
    }

    /// <summary>WGAN-GP with an MLP generator, configured in place: <c>ClassicalGan(o =&gt; o.GeneratorHidden = [32, 32])</c>.</summary>
    public static GanEstimator ClassicalGan(this QGanTrainersCatalog catalog, Action<ClassicalGanOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new ClassicalGanOptions();
        configure(options);
        return catalog.ClassicalGan(options);
    }

    /// <summary>Loads a saved generator directory as a transformer.</summary>
    public static GanGeneratorTransformer LoadGanGenerator(this QGanTrainersCatalog catalog, string directory, string noiseColumnName = "Noise", string outputColumnName = "Latent")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return GanGeneratorTransformer.Load(catalog.Context, directory, noiseColumnName, outputColumnName);
    }
}
