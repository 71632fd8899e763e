using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace QGan.MLNet.Serving.Tests;

/// <summary>The service on the in-memory ASP.NET Core test server, with an HttpClient talking to it.</summary>
internal sealed class ServiceHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServiceHost(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<ServiceHost> StartAsync(ServingOptions options)
    {
        var app = ScoringService.Build(options, configure: builder => builder.WebHost.UseTestServer());
        await app.StartAsync();
        return new ServiceHost(app, app.GetTestClient());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
