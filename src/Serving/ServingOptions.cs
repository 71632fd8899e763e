namespace QGan.MLNet.Serving;

/// <summary>
/// What the scoring service loads and the limits it enforces. The service runs exported ONNX models only (no
/// TorchSharp): the noise-to-image model of <c>qgan export-onnx</c>, optionally the encoder, the critic of
/// <c>qgan export-onnx --critic-out</c> and an ONNX feature extractor.
/// </summary>
public sealed record ServingOptions
{
    /// <summary>The noise-to-image model file (<c>qgan export-onnx --out</c>); or set <see cref="ModelBytes"/>.</summary>
    public string? ModelPath { get; init; }

    /// <summary>The noise-to-image model held in memory (e.g. exported from a run directory by the host); wins over <see cref="ModelPath"/>.</summary>
    public byte[]? ModelBytes { get; init; }

    /// <summary>Autoencoder encoder (<c>encoder.onnx</c>) for <c>/encode</c> and <c>/score</c>; without it those endpoints answer 501.</summary>
    public string? EncoderPath { get; init; }

    /// <summary>The critic file (<c>qgan export-onnx --critic-out</c>); or set <see cref="CriticBytes"/>. Without one <c>/score</c> returns no critic scores.</summary>
    public string? CriticPath { get; init; }

    /// <summary>The critic held in memory; wins over <see cref="CriticPath"/>.</summary>
    public byte[]? CriticBytes { get; init; }

    /// <summary>
    /// Optional ONNX feature extractor for <c>/score</c> (e.g. an Inception-style network [N, 3, H, W]): bands R, G, B,
    /// bilinearly resized to the model's input size.
    /// </summary>
    public string? FeatureExtractorPath { get; init; }

    /// <summary>Full control over the extractor's preprocessing (bands, size, scaling); takes precedence over <see cref="FeatureExtractorPath"/>.</summary>
    public QGan.MLNet.Transforms.Features.OnnxFeatureExtractorOptions? FeatureExtractor { get; init; }

    /// <summary>Most images one <c>/generate</c> request may ask for.</summary>
    public int MaxCount { get; init; } = 256;

    /// <summary>Most images one <c>/score</c> request may carry.</summary>
    public int MaxScoreImages { get; init; } = 256;

    /// <summary>Largest accepted request body in bytes (JSON of 256 images of 3136 floats is about 6 MB).</summary>
    public long MaxRequestBodyBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>
    /// ONNX Runtime intra-op threads per inference session (0: ONNX Runtime's default, one per core). Default 1: the
    /// service parallelises across concurrent requests, and on a busy machine ORT's spinning worker threads cost
    /// more than they give (see docs/production.md, Benchmarks).
    /// </summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>
    /// Heavy requests (<c>/generate</c>, <c>/encode</c>, <c>/score</c>) processed at the same time. Each holds its
    /// body, the decoded images and the inference buffers (about 90 MB for 256 images), so this bounds the memory a
    /// burst can take. Waiting requests have not read their bodies yet.
    /// </summary>
    public int MaxConcurrentRequests { get; init; } = 4;

    /// <summary>Heavy requests that wait (oldest first) for a slot; beyond them a request is answered 503 with Retry-After.</summary>
    public int MaxQueuedRequests { get; init; } = 64;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (ModelBytes is null && string.IsNullOrWhiteSpace(ModelPath))
        {
            throw new ArgumentException($"{nameof(ModelPath)} (or {nameof(ModelBytes)}) must name the exported noise-to-image model");
        }
        if (MaxCount < 1)
        {
            throw new ArgumentException($"{nameof(MaxCount)} must be >= 1, got {MaxCount}");
        }
        if (MaxScoreImages < 1)
        {
            throw new ArgumentException($"{nameof(MaxScoreImages)} must be >= 1, got {MaxScoreImages}");
        }
        if (MaxRequestBodyBytes < 1024)
        {
            throw new ArgumentException($"{nameof(MaxRequestBodyBytes)} must be >= 1024, got {MaxRequestBodyBytes}");
        }
        if (IntraOpThreads < 0)
        {
            throw new ArgumentException($"{nameof(IntraOpThreads)} must be >= 0, got {IntraOpThreads}");
        }
        if (MaxConcurrentRequests < 1)
        {
            throw new ArgumentException($"{nameof(MaxConcurrentRequests)} must be >= 1, got {MaxConcurrentRequests}");
        }
        if (MaxQueuedRequests < 0)
        {
            throw new ArgumentException($"{nameof(MaxQueuedRequests)} must be >= 0, got {MaxQueuedRequests}");
        }
    }
}
