using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QGan.MLNet.Serving.Api;

namespace QGan.MLNet.Serving.Tests;

/// <summary>
/// Transport failures (a body that arrives too slowly, malformed chunked encoding, a client that disconnects mid-body)
/// are client errors answered 408/400 and logged as one line without a stack trace; heavy requests beyond the
/// concurrency and queue limits are answered 503.
/// </summary>
public sealed class RequestLimitsTests(TrainedRunFixture run) : IClassFixture<TrainedRunFixture>
{
    [Fact]
    public async Task Heavy_requests_beyond_the_slots_and_the_queue_are_answered_503_with_retry_after()
    {
        await using var server = await KestrelServer.StartAsync(run.Options() with { MaxConcurrentRequests = 1, MaxQueuedRequests = 1 });
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };

        // The first request takes the only slot and holds it: its body has not fully arrived.
        using var held = await server.OpenAsync(
            "POST /score HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{");
        await Task.Delay(1000);
        // The second waits in the queue (it is not answered while the first holds the slot)...
        var second = client.GetAsync("/generate?count=1&format=json");
        await Task.Delay(1000);
        Assert.False(second.IsCompleted);
        // ...and the third finds slot and queue full.
        using var third = await client.GetAsync("/generate?count=1&format=json");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, third.StatusCode);
        Assert.Equal("1", third.Headers.RetryAfter?.ToString());
        var problem = JsonDocument.Parse(await third.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("1 requests are being processed and 1 are waiting", problem.GetProperty("detail").GetString());

        // The rest of the first body frees the slot: the first is answered (400: "{}" has no images), then the second.
        var first = await held.FinishAsync("}");
        using var secondResponse = await second;
        Assert.StartsWith("HTTP/1.1 400", first);
        Assert.Equal(HttpStatusCode.OK, secondResponse.StatusCode);
        server.AssertOneLineLogged("GET /generate: 503 the service is busy");
    }

    [Fact]
    public async Task Malformed_chunked_encoding_is_a_400_logged_as_one_line()
    {
        await using var server = await KestrelServer.StartAsync(run.Options());

        var response = await server.SendRawAsync(
            "POST /score HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400", response);
        server.AssertOneLineLogged("POST /score: 400 ");
    }

    [Fact]
    public async Task A_body_that_arrives_too_slowly_is_a_408_logged_as_one_line()
    {
        await using var server = await KestrelServer.StartAsync(run.Options(), minimumBodyRate: new MinDataRate(1000, TimeSpan.FromSeconds(2)));

        // 10 bytes of a declared 100000, then nothing: below 1000 bytes/s once the 2 s grace period has passed.
        var response = await server.SendRawAsync(
            "POST /score HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"images\":");

        Assert.StartsWith("HTTP/1.1 408", response);
        server.AssertOneLineLogged("POST /score: 408 ");
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_body_is_logged_as_one_line()
    {
        await using var server = await KestrelServer.StartAsync(run.Options());

        await server.SendRawAsync(
            "POST /score HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"images\":[[0.5,", expectResponse: false);

        await server.WaitForLogAsync("POST /score: 400 ");
        server.AssertOneLineLogged("POST /score: 400 ");
    }

    /// <summary>The service on real Kestrel (loopback, a free port), spoken to over raw TCP.</summary>
    private sealed class KestrelServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly CapturedLogs _logs;
        private readonly Uri _address;

        private KestrelServer(WebApplication app, CapturedLogs logs, Uri address)
        {
            _app = app;
            _logs = logs;
            _address = address;
        }

        public Uri Address => _address;

        public static async Task<KestrelServer> StartAsync(ServingOptions options, MinDataRate? minimumBodyRate = null)
        {
            var logs = new CapturedLogs();
            var app = ScoringService.Build(options, ["http://127.0.0.1:0"], builder =>
            {
                builder.Logging.AddProvider(logs);
                if (minimumBodyRate is not null)
                {
                    builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MinRequestBodyDataRate = minimumBodyRate);
                }
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new KestrelServer(app, logs, new Uri(address));
        }

        /// <summary>A connection that has sent the start of a request and can finish it later.</summary>
        public async Task<RawConnection> OpenAsync(string start)
        {
            var tcp = new TcpClient();
            await tcp.ConnectAsync(_address.Host, _address.Port);
            await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(start));
            return new RawConnection(tcp);
        }

        /// <summary>Sends <paramref name="request"/> as is and returns what comes back until the server closes or 30 s pass.</summary>
        public async Task<string> SendRawAsync(string request, bool expectResponse = true)
        {
            using var connection = await OpenAsync(request);
            if (!expectResponse)
            {
                connection.Reset();
                return "";
            }
            return await ReadResponseAsync(connection.Stream);
        }

        public sealed class RawConnection(TcpClient tcp) : IDisposable
        {
            public NetworkStream Stream => tcp.GetStream();

            /// <summary>Sends the rest of the request and returns the response.</summary>
            public async Task<string> FinishAsync(string rest)
            {
                await Stream.WriteAsync(Encoding.ASCII.GetBytes(rest));
                return await ReadResponseAsync(Stream);
            }

            /// <summary>Closes with a reset, as a client that dies.</summary>
            public void Reset() => tcp.Client.LingerState = new LingerOption(true, 0);

            public void Dispose() => tcp.Dispose();
        }

        private static async Task<string> ReadResponseAsync(NetworkStream stream)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var received = new MemoryStream();
            var buffer = new byte[4096];
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
                {
                    received.Write(buffer, 0, read);
                    if (Encoding.ASCII.GetString(received.ToArray()).Contains("\r\n\r\n") && Complete(received.ToArray()))
                    {
                        break;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException)
            {
                // The server closed the connection after answering.
            }
            return Encoding.UTF8.GetString(received.ToArray());
        }

        /// <summary>A response whose headers and Content-Length bytes of body have arrived.</summary>
        private static bool Complete(byte[] bytes)
        {
            var text = Encoding.UTF8.GetString(bytes);
            int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var length = text[..end].Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
            return length is not null && text.Length - end - 4 >= int.Parse(length.Split(':')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }

        public async Task WaitForLogAsync(string prefix)
        {
            for (int i = 0; i < 300 && !_logs.Entries.Any(e => e.Message.StartsWith(prefix, StringComparison.Ordinal)); i++)
            {
                await Task.Delay(100);
            }
        }

        /// <summary>Exactly one warning of the service starting with <paramref name="prefix"/>, and no entry with an exception (stack trace).</summary>
        public void AssertOneLineLogged(string prefix)
        {
            var entries = _logs.Entries.ToArray();
            var entry = Assert.Single(entries, e => e.Category == ScoringEndpoints.LogCategory);
            Assert.StartsWith(prefix, entry.Message);
            Assert.DoesNotContain('\n', entry.Message);
            Assert.All(entries, e => Assert.Null(e.Exception));
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
