using System.CommandLine;
using QGan.MLNet.Serving;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan serve --model DIR --urls http://127.0.0.1:PORT</c>: the scoring web service (GET /generate, POST /encode,
/// POST /score, GET /health, GET /model) over one trained generator; runs until Ctrl+C.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Run directory of qgan train, or its generator/ folder.", Required = true };
        var urls = new Option<string>("--urls") { Description = "Listen addresses, ';'-separated.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var autoencoder = new Option<string?>("--autoencoder") { Description = "Autoencoder directory (decoder.onnx, encoder.onnx); default: the decoder saved with the generator, else models/sat4-synthetic." };
        var features = new Option<string?>("--features") { Description = "ONNX feature extractor for POST /score (bands R, G, B)." };
        var maxCount = new Option<int>("--max-count") { Description = "Most images per GET /generate.", DefaultValueFactory = _ => 256 };
        var maxScore = new Option<int>("--max-score-images") { Description = "Most images per POST /score.", DefaultValueFactory = _ => 256 };
        var maxBody = new Option<long>("--max-body-bytes") { Description = "Largest accepted request body.", DefaultValueFactory = _ => 8L * 1024 * 1024 };
        var defaults = new ServingOptions { ModelDirectory = "." };
        var maxConcurrent = new Option<int>("--max-concurrent") { Description = "Heavy requests (generate, encode, score) processed at once; more wait.", DefaultValueFactory = _ => defaults.MaxConcurrentRequests };
        var maxQueued = new Option<int>("--max-queued") { Description = "Heavy requests waiting for a slot; beyond them the answer is 503 with Retry-After.", DefaultValueFactory = _ => defaults.MaxQueuedRequests };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads per session (0: one per core).", DefaultValueFactory = _ => 1 };
        var command = new Command("serve", "Serve a trained generator over HTTP: generate, encode, score.");
        foreach (var o in new Option[] { model, urls, autoencoder, features, maxCount, maxScore, maxBody, maxConcurrent, maxQueued, threads })
        {
            command.Options.Add(o);
        }
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var addresses = parse.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var address in addresses)
            {
                if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                {
                    throw new ArgumentException($"--urls: '{address}' is not an http(s) URL");
                }
            }
            var options = new ServingOptions
            {
                ModelDirectory = parse.GetValue(model)!,
                AutoencoderDirectory = parse.GetValue(autoencoder),
                FeatureExtractorPath = parse.GetValue(features),
                MaxCount = parse.GetValue(maxCount),
                MaxScoreImages = parse.GetValue(maxScore),
                MaxRequestBodyBytes = parse.GetValue(maxBody),
                IntraOpThreads = parse.GetValue(threads),
                MaxConcurrentRequests = parse.GetValue(maxConcurrent),
                MaxQueuedRequests = parse.GetValue(maxQueued),
            };
            using var app = ScoringService.Build(options, addresses);
            Console.WriteLine($"serving {options.ModelDirectory} on {string.Join(", ", addresses)} (Ctrl+C to stop)");
            app.Run();
            return 0;
        }));
        return command;
    }
}
