using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using QGan.MLNet.Transforms.Features;
using QGan.MLNet.Transforms.Latent;
using QGan.MLNet.Transforms.Production;

namespace QGan.MLNet.Serving.Model;

/// <summary>
/// The one model a service instance serves: the exported noise-to-image model (generation), the encoder (latent
/// features of uploaded images), an optional ONNX feature extractor and the optional exported critic. ONNX Runtime
/// only. Thread-safe: ONNX Runtime sessions allow concurrent <c>Run</c> calls; the feature extractor (which reuses
/// buffers) is behind a lock.
/// </summary>
public sealed class ScoringModel : IDisposable
{
    private readonly ExportedGenerator _generator;
    private readonly InferenceSession? _encoder;
    private readonly ExportedCritic? _critic;
    private readonly OnnxFeatureExtractor? _extractor;
    private readonly object _extractorGate = new();

    private ScoringModel(ExportedGenerator generator, string? encoderSource, InferenceSession? encoder, ExportedCritic? critic, OnnxFeatureExtractor? extractor)
    {
        _generator = generator;
        EncoderSource = encoderSource;
        _encoder = encoder;
        _critic = critic;
        _extractor = extractor;
    }

    /// <summary>The generator's manifest as embedded in the model (null for models exported without it).</summary>
    public JsonElement? Manifest => _generator.Manifest;

    /// <summary>Generator kind (<c>quantum</c> or <c>classical</c>).</summary>
    public string Kind => _generator.Kind;

    /// <summary>The noise-to-image model (its file, or what the host called it).</summary>
    public string ModelSource => _generator.Source;

    /// <summary>The encoder model file, or null.</summary>
    public string? EncoderSource { get; }

    /// <summary>The critic model, or null.</summary>
    public string? CriticSource => _critic?.Source;

    /// <summary>The feature extractor model file, or null.</summary>
    public string? FeatureExtractorSource => _extractor?.Options.ModelPath;

    /// <summary>Noise values per sample.</summary>
    public int NoiseDimension => _generator.NoiseDimension;

    /// <summary>Latent values per sample.</summary>
    public int LatentDimension => _generator.LatentDimension;

    /// <summary>True when an encoder is configured (<c>/encode</c>, <c>/score</c>).</summary>
    public bool CanEncode => _encoder is not null;

    /// <summary>True when a critic is configured.</summary>
    public bool HasCritic => _critic is not null;

    /// <summary>Features per image of the configured extractor, or null.</summary>
    public int? ExtractorFeatureDimension => _extractor?.FeatureDimension;

    /// <summary>Loads and checks every configured model (widths must agree); errors name the file.</summary>
    public static ScoringModel Load(ServingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ExportedGenerator? generator = null;
        InferenceSession? encoder = null;
        ExportedCritic? critic = null;
        OnnxFeatureExtractor? extractor = null;
        try
        {
            generator = options.ModelBytes is { } bytes
                ? ExportedGenerator.FromBytes(bytes, options.ModelPath ?? "the exported model", options.IntraOpThreads)
                : ExportedGenerator.Load(options.ModelPath!, options.IntraOpThreads);
            if (options.EncoderPath is { } encoderPath)
            {
                var model = LatentOnnxModel.Load(encoderPath, LatentModelKind.Encoder);
                if (model.LatentSize != generator.LatentDimension)
                {
                    throw new InvalidDataException(
                        $"encoder '{encoderPath}' produces {model.LatentSize} latent values but the generator '{generator.Source}' produces {generator.LatentDimension}");
                }
                using var sessionOptions = new SessionOptions();
                if (options.IntraOpThreads > 0)
                {
                    sessionOptions.IntraOpNumThreads = options.IntraOpThreads;
                }
                encoder = new InferenceSession(model.Bytes, sessionOptions);
            }
            critic = options.CriticBytes is { } criticBytes ? ExportedCritic.FromBytes(criticBytes, options.CriticPath ?? "the exported critic", options.IntraOpThreads)
                : options.CriticPath is { } criticPath ? ExportedCritic.Load(criticPath, options.IntraOpThreads) : null;
            if (critic is not null && critic.LatentDimension != generator.LatentDimension)
            {
                throw new InvalidDataException(
                    $"critic '{critic.Source}' scores {critic.LatentDimension} latent values but the generator '{generator.Source}' produces {generator.LatentDimension}");
            }
            extractor = options.FeatureExtractor is { } custom ? new OnnxFeatureExtractor(custom)
                : options.FeatureExtractorPath is { } path ? new OnnxFeatureExtractor(ExtractorOptionsFor(path)) : null;
            return new ScoringModel(generator, options.EncoderPath, encoder, critic, extractor);
        }
        catch
        {
            extractor?.Dispose();
            critic?.Dispose();
            encoder?.Dispose();
            generator?.Dispose();
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
    public float[] Noise(int count, long seed) => _generator.Noise(count, seed);

    /// <summary>noise [count, NoiseDimension] -&gt; latents [count, LatentDimension] and CHW images [count, 3136].</summary>
    public (float[] Latents, float[] Images) Generate(float[] noise, int count) => _generator.Generate(noise, count);

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

    /// <summary>Critic scores of latent rows, or null when no critic is configured.</summary>
    public float[]? CriticScores(float[] latents) => _critic?.Score(latents);

    /// <inheritdoc/>
    public void Dispose()
    {
        _extractor?.Dispose();
        _critic?.Dispose();
        _encoder?.Dispose();
        _generator.Dispose();
    }
}
