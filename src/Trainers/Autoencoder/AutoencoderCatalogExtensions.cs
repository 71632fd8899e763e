using QGan.MLNet.Trainers.Autoencoder;

// Catalog extensions live beside QGanCatalog so `using QGan.MLNet.Transforms.Catalog;` brings in every entry point.
namespace QGan.MLNet.Transforms.Catalog;

/// <summary><c>mlContext.QGan().Trainers.Autoencoder(options)</c>.</summary>
public static class AutoencoderCatalogExtensions
{
    /// <summary>
    /// An autoencoder folder (<c>encoder.onnx</c>, <c>decoder.onnx</c>, <c>autoencoder.json</c>) as a transformer
    /// adding the latent column; without a folder, the shipped <c>models/sat4-synthetic</c>.
    /// </summary>
    public static AutoencoderTransformer LoadAutoencoder(this QGanTransformsCatalog catalog, string? directory = null,
        string imageColumnName = "Image", string latentColumnName = "Latent")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        directory ??= QGan.MLNet.Transforms.IO.ShippedModels.Require(QGan.MLNet.Transforms.IO.ShippedModels.Sat4SyntheticAutoencoder);
        return AutoencoderTransformer.Load(catalog.Context, directory, imageColumnName, latentColumnName);
    }

    /// <summary>
    /// Trains the convolutional autoencoder on the image vector column (C*H*W Single values in [0,1], CHW) and
    /// returns a transformer that adds the latent column.
    /// </summary>
    public static AutoencoderEstimator Autoencoder(this QGanTrainersCatalog catalog, AutoencoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new AutoencoderEstimator(catalog.Context, options ?? new AutoencoderOptions());
    }
}
