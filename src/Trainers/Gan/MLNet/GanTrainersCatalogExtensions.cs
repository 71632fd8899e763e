using Microsoft.ML;
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

    /// <summary>
    /// Writes the GAN generator of a fitted model (a <see cref="GanGeneratorTransformer"/>, or a chain holding exactly
    /// one) as one ONNX model (<see cref="GanGeneratorTransformer.ExportOnnx"/>), atomically; with
    /// <paramref name="decoderPath"/> (an autoencoder's <c>decoder.onnx</c>) the model also outputs images.
    /// </summary>
    /// <exception cref="ArgumentException">The model holds no generator, or more than one.</exception>
    public static void ExportGeneratorOnnx(this QGanTrainersCatalog catalog, ITransformer model, string path, string? decoderPath = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var generators = Generators(model).ToList();
        if (generators.Count != 1)
        {
            throw new ArgumentException($"the model holds {generators.Count} GAN generators; exactly one can be exported", nameof(model));
        }
        var decoder = decoderPath is null ? null : QGan.MLNet.Transforms.Latent.LatentOnnxModel.Load(decoderPath, QGan.MLNet.Transforms.Latent.LatentModelKind.Decoder);
        QGan.MLNet.Transforms.IO.AtomicFile.WriteAllBytes(path, generators[0].ExportOnnx(decoder));
    }

    private static IEnumerable<GanGeneratorTransformer> Generators(ITransformer model) => model switch
    {
        GanGeneratorTransformer generator => [generator],
        IEnumerable<ITransformer> chain => chain.SelectMany(Generators),
        _ => [],
    };

    /// <summary>Loads a saved generator directory as a transformer.</summary>
    public static GanGeneratorTransformer LoadGanGenerator(this QGanTrainersCatalog catalog, string directory, string noiseColumnName = "Noise", string outputColumnName = "Latent")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return GanGeneratorTransformer.Load(catalog.Context, directory, noiseColumnName, outputColumnName);
    }
}
