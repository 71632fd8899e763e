using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Transforms.Onnx;
using QGan.MLNet.Transforms.Latent;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Transforms.Catalog;

/// <summary>
/// <c>mlContext.QGan().Transforms.GenerateImages(modelPath)</c>: runs an exported noise-to-image model (written by
/// <c>qgan export-onnx</c> or <c>NoiseToImageExporter</c>) on a noise vector column and adds the latent and image (CHW, [0,1]) vector
/// columns. Built on ML.NET's ApplyOnnxModel, so the result is an ordinary transformer chain (PredictionEngine,
/// batch Transform, <c>mlContext.Model.Save/Load</c>). The file's signature is checked when the estimator is created.
/// <c>intraOpThreads</c> sets ONNX Runtime's threads per run (null: its default, one per core).
/// </summary>
public static class NoiseToImageCatalogExtensions
{
    /// <summary>The estimator of the chain; <paramref name="modelPath"/> is checked when it is created.</summary>
    /// <exception cref="FileNotFoundException">The model file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a noise-to-image model; the message lists its tensors.</exception>
    public static IEstimator<ITransformer> GenerateImages(this QGanTransformsCatalog catalog, string modelPath,
        string noiseColumn = "Noise", string latentColumn = "Latent", string imageColumn = "Image", int? intraOpThreads = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(noiseColumn);
        ArgumentException.ThrowIfNullOrWhiteSpace(latentColumn);
        ArgumentException.ThrowIfNullOrWhiteSpace(imageColumn);
        if (intraOpThreads is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(intraOpThreads), intraOpThreads, "intra-op threads must be >= 1 (null: ONNX Runtime's default)");
        }
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"noise-to-image model '{modelPath}' does not exist.", modelPath);
        }
        var bytes = File.ReadAllBytes(modelPath);
        CheckSignature(bytes, modelPath);
        var ml = catalog.Context;
        const string noise = LatentTensorNames.Noise, latent = LatentTensorNames.Latent, image = LatentTensorNames.Image;
        var chain = new EstimatorChain<ITransformer>()
            .Append<ITransformer>(ml.Transforms.CopyColumns(noise, noiseColumn))
            .Append<ITransformer>(intraOpThreads is int threads
                ? ml.Transforms.ApplyOnnxModel(new OnnxOptions
                {
                    ModelFile = modelPath,
                    InputColumns = [noise],
                    OutputColumns = [latent, image],
                    IntraOpNumThreads = threads,
                    InterOpNumThreads = 1,
                })
                : ml.Transforms.ApplyOnnxModel([latent, image], [noise], OnnxModelFile.For(bytes))); // the checked bytes, no temp-copy leak
        var temporary = new List<string> { noise };
        if (latentColumn != latent)
        {
            chain = chain.Append<ITransformer>(ml.Transforms.CopyColumns(latentColumn, latent));
            temporary.Add(latent);
        }
        if (imageColumn != image)
        {
            chain = chain.Append<ITransformer>(ml.Transforms.CopyColumns(imageColumn, image));
            temporary.Add(image);
        }
        temporary.RemoveAll(name => name == noiseColumn || name == latentColumn || name == imageColumn);
        return temporary.Count == 0 ? chain : chain.Append<ITransformer>(ml.Transforms.DropColumns([.. temporary]));
    }

    private static void CheckSignature(byte[] bytes, string source)
    {
        InferenceSession session;
        try
        {
            session = new InferenceSession(bytes);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidDataException($"noise-to-image model '{source}' is not a loadable ONNX model: {ex.Message}", ex);
        }
        using (session)
        {
            void Expect(IReadOnlyDictionary<string, NodeMetadata> tensors, string name, int rank, string role)
            {
                if (!tensors.TryGetValue(name, out var meta) || meta.ElementType != typeof(float) || meta.Dimensions.Length != rank)
                {
                    throw new InvalidDataException(
                        $"noise-to-image model '{source}': expected a float {role} '{name}' of rank {rank}; it has {role}s {string.Join(", ", tensors.Keys)}.");
                }
            }
            Expect(session.InputMetadata, LatentTensorNames.Noise, 2, "input");
            Expect(session.OutputMetadata, LatentTensorNames.Latent, 2, "output");
            Expect(session.OutputMetadata, LatentTensorNames.Image, 4, "output");
        }
    }
}
