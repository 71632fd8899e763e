using QGan.MLNet.Trainers.Production;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using QGan.MLNet.Serving;
using QGan.MLNet.Transforms.Data.Png;

namespace QGan.MLNet.Benchmarks.Production;

/// <summary>
/// Bounded load test of the scoring service on loopback only: Kestrel on 127.0.0.1 with an ephemeral port, a fixed
/// number of requests per scenario sent by a fixed number of concurrent clients, each scenario also capped in
/// time; it stops by itself and prints requests/s and latency percentiles.
/// <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- serve-load [--kind quantum|classical]
/// [--requests 400] [--concurrency 8] [--seconds 60]</c>
/// </summary>
internal static class ServiceLoadTest
{
    private sealed record Scenario(string Name, Func<HttpClient, int, Task<HttpResponseMessage>> Send);

    public static int Run(string[] args)
    {
        string kind = Option(args, "--kind", "quantum");
        int requests = int.Parse(Option(args, "--requests", "400"), CultureInfo.InvariantCulture);
        int concurrency = int.Parse(Option(args, "--concurrency", "8"), CultureInfo.InvariantCulture);
        double seconds = double.Parse(Option(args, "--seconds", "60"), CultureInfo.InvariantCulture);
        if (requests is < 1 or > 100_000 || concurrency is < 1 or > 256 || !(seconds > 0 && seconds <= 600))
        {
            Console.Error.WriteLine("--requests must be in 1..100000, --concurrency in 1..256, --seconds in (0, 600]");
            return 2;
        }
        // Server and clients share this process's thread pool; the handlers block on ONNX Runtime (CPU-bound work), so
        // start with enough threads that client continuations are not queued behind them (no hill-climbing delay).
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 2 * concurrency + 4), io);
        var folder = ProductionSetup.CreateGeneratorFolder(kind);
        try
        {
            return RunAsync(folder, kind, requests, concurrency, TimeSpan.FromSeconds(seconds)).GetAwaiter().GetResult();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> RunAsync(string folder, string kind, int requests, int concurrency, TimeSpan limit)
    {
        // The service serves exported models: the generator + decoder, the shipped encoder (no critic in a bare folder).
        using var package = GeneratorPackage.Open(folder);
        await using var app = ScoringService.Build(new ServingOptions
        {
            ModelPath = folder,
            ModelBytes = NoiseToImageExporter.ExportBytes(package.Generator, package.Decoder),
            EncoderPath = package.Encoder?.Source,
        }, ["http://127.0.0.1:0"]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        var patch = new byte[3136];
        new Random(1).NextBytes(patch);
        var png = PngPatchCodec.Encode(patch);
        var generated = await client.GetStringAsync("/generate?count=8&seed=1&format=json");
        var scoreBody = "{\"images\":" + generated[(generated.IndexOf("\"images\":", StringComparison.Ordinal) + 9)..];

        Scenario[] scenarios =
        [
            new("GET /generate?count=1&format=json", (c, i) => c.GetAsync($"/generate?count=1&seed={i}&format=json")),
            new("GET /generate?count=16&format=json", (c, i) => c.GetAsync($"/generate?count=16&seed={i}&format=json")),
            new("GET /generate?count=16 (png grid)", (c, i) => c.GetAsync($"/generate?count=16&seed={i}")),
            new("POST /encode (png)", (c, _) =>
            {
                var content = new ByteArrayContent(png);
                content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
                return c.PostAsync("/encode", content);
            }),
            new("POST /score (8 images)", (c, _) => c.PostAsync("/score", new StringContent(scoreBody, System.Text.Encoding.UTF8, "application/json"))),
            new("GET /health", (c, _) => c.GetAsync("/health")),
        ];
        Console.WriteLine($"{kind} generator, {requests} requests per scenario, {concurrency} concurrent clients, loopback {address}, {Environment.ProcessorCount} cores");
        Console.WriteLine("| Scenario | Requests | Requests/s | p50 ms | p99 ms | Errors |");
        Console.WriteLine("|---|---|---|---|---|---|");
        int failures = 0;
        foreach (var scenario in scenarios)
        {
            for (int i = 0; i < concurrency; i++)
            {
                (await scenario.Send(client, i)).Dispose();   // warm-up
            }
            var (done, errors, elapsed, latencies) = await Measure(client, scenario, requests, concurrency, limit);
            failures += errors;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {scenario.Name} | {done} | {done / elapsed.TotalSeconds:F1} | {Percentile(latencies, 0.50):F1} | {Percentile(latencies, 0.99):F1} | {errors} |"));
        }
        await app.StopAsync();
        return failures == 0 ? 0 : 1;
    }

    private static async Task<(int Done, int Errors, TimeSpan Elapsed, double[] Latencies)> Measure(
        HttpClient client, Scenario scenario, int requests, int concurrency, TimeSpan limit)
    {
        var latencies = new double[requests];
        int next = -1, errors = 0, done = 0;
        var clock = Stopwatch.StartNew();
        async Task Worker()
        {
            while (clock.Elapsed < limit)
            {
                int i = Interlocked.Increment(ref next);
                if (i >= requests)
                {
                    return;
                }
                long start = Stopwatch.GetTimestamp();
                using var response = await scenario.Send(client, i);
                await response.Content.ReadAsByteArrayAsync();
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                Interlocked.Increment(ref done);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker)));
        var elapsed = clock.Elapsed;
        return (done, errors, elapsed, latencies.Where(l => l > 0).Order().ToArray());
    }

    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private static string Option(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
