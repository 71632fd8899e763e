using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using QGan.MLNet.Transforms.Latent;
using QGan.MLNet.Core.Randomness;

namespace QGan.MLNet.Transforms.Production;

/// <summary>
/// An exported noise-to-image model (<c>qgan export-onnx</c>): input <c>noise</c> [N, D] -&gt; outputs <c>latent</c>
/// [N, L] and <c>image</c> [N, C, H, W]. Runs on ONNX Runtime alone (no TorchSharp); the signature is checked when
/// the model is loaded. Thread-safe: ONNX Runtime sessions allow concurrent runs. Dispose it to free the session.
/// </summary>
public sealed class ExportedGenerator : IDisposable
{
    private readonly InferenceSession _session;

    private ExportedGenerator(InferenceSession session, string source, int noiseDimension, int latentDimension, int[] imageShape, IReadOnlyDictionary<string, string> metadata)
    {
        _session = session;
        Source = source;
        NoiseDimension = noiseDimension;
        LatentDimension = latentDimension;
        ImageShape = imageShape;
        Metadata = metadata;
    }

    /// <summary>Where the model came from (its path, or a description), for messages.</summary>
    public string Source { get; }

    /// <summary>Noise values per sample (D).</summary>
    public int NoiseDimension { get; }

    /// <summary>Latent values per sample (L).</summary>
    public int LatentDimension { get; }

    /// <summary>Image shape per sample, [C, H, W].</summary>
    public IReadOnlyList<int> ImageShape { get; }

    /// <summary>Floats per image (C H W).</summary>
    public int ImageLength => ImageShape.Aggregate(1, (a, b) => a * b);

    /// <summary>The model's metadata (<c>qgan.kind</c>, <c>qgan.noise_dimension</c>, <c>qgan.manifest</c>, ...).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Generator kind from the metadata (<c>quantum</c>, <c>classical</c>), or <c>unknown</c>.</summary>
    public string Kind => Metadata.TryGetValue("qgan.kind", out var kind) ? kind : "unknown";

    /// <summary>The generator's <c>manifest.json</c> as embedded by the exporter, or null for models without it.</summary>
    public JsonElement? Manifest => Metadata.TryGetValue("qgan.manifest", out var json) ? JsonDocument.Parse(json).RootElement.Clone() : null;

    /// <summary>Loads and checks <paramref name="path"/>.</summary>
    /// <param name="path">An ONNX file written by <c>qgan export-onnx</c>.</param>
    /// <param name="intraOpThreads">ONNX Runtime threads per run (0: its default, one per core).</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">It is not a noise-to-image model; the message names the file and the tensor.</exception>
    public static ExportedGenerator Load(string path, int intraOpThreads = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"exported generator '{path}' does not exist.", path);
        }
        return FromBytes(File.ReadAllBytes(path), path, intraOpThreads);
    }

    /// <summary>Checks and opens a model held in memory; <paramref name="source"/> names it in messages.</summary>
    public static ExportedGenerator FromBytes(byte[] model, string source, int intraOpThreads = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(intraOpThreads);
        var session = ExportedModels.Open(model, source, intraOpThreads);
        try
        {
            var noise = ExportedModels.Tensor(session.InputMetadata, LatentTensorNames.Noise, 2, "input", source);
            var latent = ExportedModels.Tensor(session.OutputMetadata, LatentTensorNames.Latent, 2, "output", source);
            var image = ExportedModels.Tensor(session.OutputMetadata, LatentTensorNames.Image, 4, "output", source);
            return new ExportedGenerator(session, source, noise[0], latent[0], image, session.ModelMetadata.CustomMetadataMap);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <paramref name="count"/> rows of standard normal noise from <paramref name="seed"/>: the stream of
    /// <c>qgan sample --seed</c> and of the GAN transformer's <c>CreateNoise</c>.
    /// </summary>
    public float[] Noise(int count, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var noise = new float[count * NoiseDimension];
        new SeededRandom(unchecked((ulong)seed)).FillNormal(noise);
        return noise;
    }

    /// <summary>Noise rows (row-major [count, D]) -&gt; latents [count, L] and CHW images [count, C H W].</summary>
    /// <exception cref="ArgumentException">The noise does not hold <paramref name="count"/> rows, or a value is not finite.</exception>
    public (float[] Latents, float[] Images) Generate(ReadOnlySpan<float> noise, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (noise.Length != count * NoiseDimension)
        {
            throw new ArgumentException($"noise has {noise.Length} values, expected {count} x {NoiseDimension}", nameof(noise));
        }
        for (int i = 0; i < noise.Length; i++)
        {
            if (!float.IsFinite(noise[i]))
            {
                throw new ArgumentException($"noise row {i / NoiseDimension}, value {i % NoiseDimension} is {noise[i]}", nameof(noise));
            }
        }
        if (count == 0)
        {
            return ([], []);
        }
        using var input = OrtValue.CreateTensorValueFromMemory(noise.ToArray(), [count, NoiseDimension]);
        using var runOptions = new RunOptions();
        using var results = _session.Run(runOptions, [LatentTensorNames.Noise], [input], [LatentTensorNames.Latent, LatentTensorNames.Image]);
        return (results[0].GetTensorDataAsSpan<float>().ToArray(), results[1].GetTensorDataAsSpan<float>().ToArray());
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose() => _session.Dispose();
}
