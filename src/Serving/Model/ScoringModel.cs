using QGan.MLNet.Transforms.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Trainers.Production;
using QGan.MLNet.Transforms.Features;
using QGan.MLNet.Transforms.Latent;

namespace QGan.MLNet.Serving.Model;

/// <summary>
/// The one model a service instance serves: the compiled noise-to-image ONNX model (generation), the encoder
/// (latent features of uploaded images), an optional ONNX feature extractor and the optional critic.
/// Thread-safe: ONNX Runtime sessions allow concurrent <c>Run</c> calls; the feature extractor (which reuses
/// buffers) and the critic are behind locks.
/// </summary>
public sealed class ScoringModel : IDisposable
{
    private readonly GeneratorPackage _package;
    private readonly InferenceSession _noiseToImage;
    private readonly InferenceSession? _encoder;
    private readonly OnnxFeatureExtractor? _extractor;
    private readonly object _extractorGate = new();

    private ScoringModel(GeneratorPackage package, InferenceSession noiseToImage, InferenceSession? encoder, OnnxFeatureExtractor? extractor)
    {
        _package = package;
        _noiseToImage = noiseToImage;
        _encoder = encoder;
        _extractor = extractor;
    }

    public GeneratorManifest Manifest => _package.Manifest;

    public string GeneratorDirectory => _package.Directory;

    public string DecoderSource => _package.Decoder.Source;

    public string? EncoderSource => _package.Encoder?.Source;

    public string? CriticSource => _package.Critic?.Source;

    public string? FeatureExtractorSource => _extractor?.Options.ModelPath;

    public int NoiseDimension => Manifest.NoiseDimension;

    public int LatentDimension => Manifest.LatentDimension;

    public bool CanEncode => _encoder is not null;

    public bool HasCritic => _package.Critic is not null;

    public int? ExtractorFeatureDimension => _extractor?.FeatureDimension;

    public static ScoringModel Load(ServingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var package = GeneratorPackage.Open(options.ModelDirectory, options.AutoencoderDirectory);
        InferenceSession? noiseToImage = null, encoder = null;
        OnnxFeatureExtractor? extractor = null;
        try
        {
            using var sessionOptions = new SessionOptions();
            if (options.IntraOpThreads > 0)
            {
                sessionOptions.IntraOpNumThreads = options.IntraOpThreads;
            }
            noiseToImage = new InferenceSession(NoiseToImageExporter.ExportBytes(package.Generator, package.Decoder), sessionOptions);
            encoder = package.Encoder is { } e ? new InferenceSession(e.Bytes, sessionOptions) : null;
            extractor = options.FeatureExtractor is { } custom ? new OnnxFeatureExtractor(custom)
                : options.FeatureExtractorPath is { } path ? new OnnxFeatureExtractor(ExtractorOptionsFor(path)) : null;
            return new ScoringModel(package, noiseToImage, encoder, extractor);
        }
        catch
        {
            extractor?.Dispose();
            encoder?.Dispose();
            noiseToImage?.Dispose();
            package.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Bands R, G, B, bilinearly resized to the model's own static input size (e.g. 32x32 or 299x299), values in [0,1]
    /// as the patches carry them. Pass <see cref="ServingOptions.FeatureExtractor"/> for any other preprocessing.
    /// </summary>
    private static OnnxFeatureExtractorOptions ExtractorOptionsFor(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"feature extractor '{path}' does not exist.", path);
        }
        using var session = new InferenceSession(path);
        var inputs = session.InputMetadata;
        if (inputs.Count != 1)
        {
            throw new InvalidDataException($"feature extractor '{path}' must have one input, it has {inputs.Count}.");
        }
        var dims = inputs.Values.Single().Dimensions;
        if (dims.Length != 4 || dims[2] <= 0 || dims[3] <= 0)
        {
            throw new InvalidDataException($"feature extractor '{path}': input must be [N, C, H, W] with static H and W, got [{string.Join(",", dims)}].");
        }
        return new OnnxFeatureExtractorOptions { ModelPath = path, TargetHeight = dims[2], TargetWidth = dims[3] };
    }

    /// <summary>Standard normal noise from <paramref name="seed"/> (the same stream as <c>qgan sample --seed</c>).</summary>
    public float[] Noise(int count, long seed)
    {
        var noise = new float[count * NoiseDimension];
        new SamplingRng(unchecked((ulong)seed)).FillNormal(noise);
        return noise;
    }

    /// <summary>noise [count, NoiseDimension] -&gt; latents [count, LatentDimension] and CHW images [count, 3136].</summary>
    public (float[] Latents, float[] Images) Generate(float[] noise, int count)
    {
        var input = new DenseTensor<float>(noise, [count, NoiseDimension]);
        using var results = _noiseToImage.Run([NamedOnnxValue.CreateFromTensor(NoiseToImageExporter.NoiseTensor, input)]);
        var latents = results.Single(r => r.Name == NoiseToImageExporter.LatentTensor).AsTensor<float>().ToArray();
        var images = results.Single(r => r.Name == NoiseToImageExporter.ImageTensor).AsTensor<float>().ToArray();
        return (latents, images);
    }

    /// <summary>CHW images [count, 3136] -&gt; latents [count, LatentDimension] through the encoder.</summary>
    public float[] Encode(float[] chwImages, int count)
    {
        if (_encoder is null)
        {
            throw new InvalidOperationException("no encoder is configured");
        }
        var input = new DenseTensor<float>(chwImages, [count, 4, 28, 28]);
        using var results = _encoder.Run([NamedOnnxValue.CreateFromTensor(LatentTensorNames.Image, input)]);
        return results.Single().AsTensor<float>().ToArray();
    }

    /// <summary>Features of the configured ONNX extractor, or null when none is configured.</summary>
    public float[][]? ExtractFeatures(IReadOnlyList<float[]> chwImages)
    {
        if (_extractor is null)
        {
            return null;
        }
        lock (_extractorGate)
        {
            return _extractor.Extract(chwImages);
        }
    }

    /// <summary>Critic scores of latent rows, or null when the model folder has no critic.</summary>
    public float[]? CriticScores(float[] latents) => _package.Critic?.Score(latents);

    public void Dispose()
    {
        _extractor?.Dispose();
        _encoder?.Dispose();
        _noiseToImage.Dispose();
        _package.Dispose();
    }
}
