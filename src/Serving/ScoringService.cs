using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QGan.MLNet.Serving.Api;
using QGan.MLNet.Serving.Model;

namespace QGan.MLNet.Serving;

/// <summary>
/// Builds the scoring web service: one <see cref="ScoringModel"/> loaded at start-up (owned by the app and disposed
/// with it), the endpoints of <see cref="ScoringEndpoints"/>, Kestrel's body-size limit set to the configured cap, a
/// concurrency limiter on the heavy endpoints (<see cref="ServingOptions.MaxConcurrentRequests"/> at once,
/// <see cref="ServingOptions.MaxQueuedRequests"/> waiting, then 503) and one-line console logs.
/// </summary>
public static class ScoringService
{
    /// <param name="options">Model and limits.</param>
    /// <param name="urls">Addresses to listen on, e.g. <c>http://127.0.0.1:5080</c> (none: ASP.NET Core's default).</param>
    /// <param name="configure">Last say over the builder (tests plug in the test server here).</param>
    public static WebApplication Build(ServingOptions options, IReadOnlyList<string>? urls = null, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var model = ScoringModel.Load(options);
        try
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
            if (urls is { Count: > 0 })
            {
                builder.WebHost.UseUrls([.. urls]);
            }
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
            // Factory registration: the container disposes the model with the app.
            builder.Services.AddSingleton(_ => model);
            builder.Services.AddProblemDetails();
            builder.Services.AddRateLimiter(limiter =>
            {
                limiter.AddConcurrencyLimiter(ScoringEndpoints.HeavyRequests, concurrency =>
                {
                    concurrency.PermitLimit = options.MaxConcurrentRequests;
                    concurrency.QueueLimit = options.MaxQueuedRequests;
                    concurrency.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
                });
                limiter.OnRejected = (context, cancellation) => ScoringEndpoints.RejectBusyAsync(context.HttpContext, options, cancellation);
            });
            configure?.Invoke(builder);
            var app = builder.Build();
            app.UseExceptionHandler();
            app.UseStatusCodePages();
            app.UseRateLimiter();
            ScoringEndpoints.Map(app, model, options, JsonOptions);
            return app;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>camelCase, enums as their names (as in manifest.json).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Numbers must be JSON numbers: no quoted numbers, no "NaN" or "Infinity".
        NumberHandling = JsonNumberHandling.Strict,
    };
}
