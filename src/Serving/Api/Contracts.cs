using System.Text.Json.Serialization;
using System.Text.Json;

namespace QGan.MLNet.Serving.Api;

/// <summary><c>GET /generate?format=json</c>: latents and images (Kaggle layout: (28,28,4) row-major, channels last, [0,1]).</summary>
public sealed record GenerateResponse(int Count, long Seed, string Layout, float[][] Latents, float[][] Images);

/// <summary><c>POST /encode</c>.</summary>
public sealed record EncodeResponse(float[] Latent);

/// <summary><c>POST /score</c> body: images in the Kaggle layout with values in [0,1].</summary>
public sealed record ScoreRequest(float[][]? Images);

/// <summary>
/// <c>POST /score</c>: per image, the latent features (the space the project's FID/JSD use), the configured ONNX
/// extractor's features (null without one) and the critic score (null when the model folder has no critic).
/// </summary>
public sealed record ScoreResponse(
    int Count,
    float[][] LatentFeatures,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] float[][]? ExtractorFeatures,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] float[]? CriticScores);

/// <summary><c>GET /health</c>.</summary>
public sealed record HealthResponse(string Status, string Kind, int NoiseDimension, int LatentDimension);

/// <summary>
/// <c>GET /model</c>: the generator manifest (as embedded in the exported model; null for models without it), the
/// model files this instance serves and its limits.
/// </summary>
public sealed record ModelResponse(
    JsonElement? Manifest, string Model, string? Encoder, string? Critic, string? FeatureExtractor, ServiceLimits Limits);

/// <summary>The limits of this instance (<see cref="ServingOptions"/>).</summary>
/// <param name="MaxCount">Most images per <c>GET /generate</c>.</param>
/// <param name="MaxScoreImages">Most images per <c>POST /score</c>.</param>
/// <param name="MaxRequestBodyBytes">Largest accepted request body.</param>
/// <param name="MaxConcurrentRequests">Heavy requests processed at the same time.</param>
/// <param name="MaxQueuedRequests">Heavy requests that may wait for a slot before the service answers 503.</param>
public sealed record ServiceLimits(int MaxCount, int MaxScoreImages, long MaxRequestBodyBytes, int MaxConcurrentRequests, int MaxQueuedRequests);
