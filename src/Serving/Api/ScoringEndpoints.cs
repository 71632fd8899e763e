using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QGan.MLNet.Transforms.Data.Png;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QGan.MLNet.Serving.Images;
using QGan.MLNet.Serving.Model;

namespace QGan.MLNet.Serving.Api;

/// <summary>
/// The HTTP surface: <c>GET /generate</c>, <c>POST /encode</c>, <c>POST /score</c>, <c>GET /health</c>,
/// <c>GET /model</c>. Every client error is a 400 (413 for oversized bodies, 415 for unsupported content types,
/// 408 for a body that arrives too slowly, 503 when too many heavy requests are waiting) with an RFC 7807 problem
/// document whose <c>detail</c> says what was wrong; transport errors (slow or malformed bodies, clients that
/// disconnect) are logged as one line, without a stack trace.
/// </summary>
internal static class ScoringEndpoints
{
    /// <summary>The rate-limiter policy of the heavy endpoints.</summary>
    public const string HeavyRequests = "heavy";

    /// <summary>Log category of the service's one-line request logs.</summary>
    public const string LogCategory = "QGan.MLNet.Serving";

    public static void Map(IEndpointRouteBuilder app, ScoringModel model, ServingOptions options, JsonSerializerOptions json)
    {
        app.MapGet("/health", () => Results.Json(
            new HealthResponse("ok", model.Kind, model.NoiseDimension, model.LatentDimension), json));

        app.MapGet("/model", () => Results.Json(new ModelResponse(
            model.Manifest, model.ModelSource, model.EncoderSource, model.CriticSource, model.FeatureExtractorSource,
            new ServiceLimits(options.MaxCount, options.MaxScoreImages, options.MaxRequestBodyBytes, options.MaxConcurrentRequests, options.MaxQueuedRequests)), json));

        app.MapGet("/generate", (HttpRequest request) => Guard(request, () => Task.FromResult(Generate(request, model, options, json))))
            .RequireRateLimiting(HeavyRequests);

        app.MapPost("/encode", (HttpRequest request, CancellationToken cancellation) => Guard(request, () => Encode(request, model, options, json, cancellation)))
            .RequireRateLimiting(HeavyRequests);

        app.MapPost("/score", (HttpRequest request, CancellationToken cancellation) => Guard(request, () => Score(request, model, options, json, cancellation)))
            .RequireRateLimiting(HeavyRequests);
    }

    /// <summary>503 with Retry-After and a problem document when every slot is busy and the queue is full.</summary>
    public static async ValueTask RejectBusyAsync(HttpContext context, ServingOptions options, CancellationToken cancellation)
    {
        var detail = $"the service is busy: {options.MaxConcurrentRequests} requests are being processed and {options.MaxQueuedRequests} are waiting; retry later";
        Log(context.Request, StatusCodes.Status503ServiceUnavailable, detail);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "1";
        await Problem(StatusCodes.Status503ServiceUnavailable, "Service busy", detail).ExecuteAsync(context);
    }

    private static IResult Generate(HttpRequest request, ScoringModel model, ServingOptions options, JsonSerializerOptions json)
    {
        int count = QueryInt(request, "count", 16, 1, options.MaxCount);
        long seed = QueryLong(request, "seed", 0);
        string format = request.Query["format"].ToString() is { Length: > 0 } f ? f.ToLowerInvariant() : "png";
        if (format is not ("png" or "json"))
        {
            throw new RequestException($"query parameter 'format' must be png or json, got '{format}'");
        }
        int columns = QueryInt(request, "columns", (int)Math.Ceiling(Math.Sqrt(count)), 1, options.MaxCount);

        var (latents, images) = model.Generate(model.Noise(count, seed), count);
        if (format == "png")
        {
            return Results.File(SampleGrid.Render(images, count, columns), "image/png");
        }
        var latentRows = latents.Chunk(model.LatentDimension).ToArray();
        var imageRows = images.Chunk(PatchLayout.Length).Select(chw => PatchLayout.ChwToHwc(chw)).ToArray();
        return Results.Json(new GenerateResponse(count, seed, "hwc", latentRows, imageRows), json);
    }

    private static async Task<IResult> Encode(HttpRequest request, ScoringModel model, ServingOptions options, JsonSerializerOptions json, CancellationToken cancellation)
    {
        if (!model.CanEncode)
        {
            return Problem(StatusCodes.Status501NotImplemented, "No encoder",
                "this instance has no encoder (ServingOptions.EncoderPath; qgan serve --encoder FILE)");
        }
        var mediaType = MediaType(request);
        var body = await RequestBody.ReadAsync(request, options.MaxRequestBodyBytes, cancellation);
        float[] chw;
        if (mediaType == "image/png")
        {
            chw = PngPatchReader.Read(body);
        }
        else if (mediaType == "application/json")
        {
            var hwc = Deserialize<float[]>(body, json, "a JSON array of 3136 values");
            PatchLayout.Check(hwc, "the image");
            chw = new float[PatchLayout.Length];
            PatchLayout.HwcToChw(hwc, chw);
        }
        else
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"POST /encode takes image/png (28x28 RGBA, NIR in alpha) or application/json (3136 values), got '{request.ContentType}'");
        }
        return Results.Json(new EncodeResponse(model.Encode(chw, 1)), json);
    }

    private static async Task<IResult> Score(HttpRequest request, ScoringModel model, ServingOptions options, JsonSerializerOptions json, CancellationToken cancellation)
    {
        if (MediaType(request) != "application/json")
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"POST /score takes application/json {{\"images\": [[3136 values], ...]}}, got '{request.ContentType}'");
        }
        if (!model.CanEncode)
        {
            return Problem(StatusCodes.Status501NotImplemented, "No encoder",
                "scoring needs the encoder (ServingOptions.EncoderPath; qgan serve --encoder FILE)");
        }
        var body = await RequestBody.ReadAsync(request, options.MaxRequestBodyBytes, cancellation);
        var images = Deserialize<ScoreRequest>(body, json, "{\"images\": [[3136 values], ...]}").Images;
        if (images is null || images.Length == 0)
        {
            throw new RequestException("'images' must be a non-empty array of images");
        }
        if (images.Length > options.MaxScoreImages)
        {
            throw new RequestException($"'images' has {images.Length} images, the limit is {options.MaxScoreImages}");
        }
        var chw = new float[images.Length * PatchLayout.Length];
        var chwRows = new float[images.Length][];
        for (int i = 0; i < images.Length; i++)
        {
            PatchLayout.Check(images[i], $"images[{i}]");
            PatchLayout.HwcToChw(images[i], chw.AsSpan(i * PatchLayout.Length, PatchLayout.Length));
            chwRows[i] = chw.AsSpan(i * PatchLayout.Length, PatchLayout.Length).ToArray();
        }
        var latents = model.Encode(chw, images.Length);
        return Results.Json(new ScoreResponse(
            images.Length,
            latents.Chunk(model.LatentDimension).ToArray(),
            model.ExtractFeatures(chwRows),
            model.CriticScores(latents)), json);
    }

    private static async Task<IResult> Guard(HttpRequest request, Func<Task<IResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (RequestException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "Bad request", ex.Message);
        }
        catch (PayloadTooLargeException ex)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", ex.Message);
        }
        catch (BadHttpRequestException ex)
        {
            // From the server while reading the body: 408 when it arrives too slowly (Kestrel's minimum data rate),
            // 400 for malformed chunked encoding or a body that ends early, 413 beyond the size limit.
            Log(request, ex.StatusCode, ex.Message);
            return Problem(ex.StatusCode, ex.StatusCode switch
            {
                StatusCodes.Status408RequestTimeout => "Request body too slow",
                StatusCodes.Status413PayloadTooLarge => "Request body too large",
                _ => "Bad request",
            }, ex.Message);
        }
        catch (Exception ex) when (ex is IOException || (ex is OperationCanceledException && request.HttpContext.RequestAborted.IsCancellationRequested))
        {
            // The client went away while sending the body: nobody reads the answer, the log says what happened.
            Log(request, StatusCodes.Status400BadRequest, $"the client disconnected before the request was complete ({ex.GetType().Name}: {ex.Message})");
            return Problem(StatusCodes.Status400BadRequest, "Bad request", "the request was aborted by the client");
        }
    }

    /// <summary>One warning line per refused request, without a stack trace.</summary>
    private static void Log(HttpRequest request, int status, string message) =>
        request.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory)
            .LogWarning("{Method} {Path}: {Status} {Message}", request.Method, request.Path.Value, status, message);

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title);

    private static string MediaType(HttpRequest request) =>
        (request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();

    private static T Deserialize<T>(byte[] body, JsonSerializerOptions json, string expected)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, json) ?? throw new RequestException($"the body is JSON null, expected {expected}");
        }
        catch (JsonException ex)
        {
            throw new RequestException($"the body is not valid JSON for {expected}: {ex.Message}");
        }
    }

    private static int QueryInt(HttpRequest request, string name, int fallback, int min, int max)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return Math.Min(fallback, max);
        }
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw new RequestException($"query parameter '{name}' must be an integer, got '{text}'");
        }
        if (value < min || value > max)
        {
            throw new RequestException($"query parameter '{name}' must be in {min}..{max}, got {value}");
        }
        return value;
    }

    private static long QueryLong(HttpRequest request, string name, long fallback)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new RequestException($"query parameter '{name}' must be an integer, got '{text}'");
    }
}
