using System.CommandLine;

namespace QGan.MLNet.Serving;

/// <summary>
/// The <c>serve</c> command line, shared by the standalone service (<c>QGan.MLNet.Serving --model model.onnx ...</c>)
/// and <c>qgan serve</c>: <c>--model</c> (the exported noise-to-image model), <c>--encoder</c>, <c>--critic</c>,
/// <c>--features</c>, <c>--urls</c>, the request limits and <c>--threads</c>. A host that can export models itself
/// (<c>qgan</c>, from a training run directory) passes <c>resolveDirectory</c>; the standalone service refuses
/// directories. Errors are one <c>error: ...</c> line on stderr and exit code 2.
/// </summary>
public static class ServingCommandLine
{
    /// <summary>Options of the command, exposed so a host can read its own additions from the same parse.</summary>
    public sealed class Options
    {
        private static readonly ServingOptions Defaults = new();

        internal Options() { }

        /// <summary><c>--model</c>: the exported model file (or, where supported, a training run directory).</summary>
        public Option<string> Model { get; } = new("--model") { Description = "Noise-to-image ONNX model written by qgan export-onnx.", Required = true };

        /// <summary><c>--encoder</c>: the autoencoder's <c>encoder.onnx</c>.</summary>
        public Option<string?> Encoder { get; } = new("--encoder") { Description = "encoder.onnx of the autoencoder (enables POST /encode and POST /score)." };

        /// <summary><c>--critic</c>: the exported critic.</summary>
        public Option<string?> Critic { get; } = new("--critic") { Description = "Critic ONNX model written by qgan export-onnx --critic-out (critic scores in POST /score)." };

        /// <summary><c>--features</c>: an ONNX feature extractor.</summary>
        public Option<string?> Features { get; } = new("--features") { Description = "ONNX feature extractor for POST /score (bands R, G, B)." };

        /// <summary><c>--urls</c>: listen addresses.</summary>
        public Option<string> Urls { get; } = new("--urls") { Description = "Listen addresses, ';'-separated.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };

        /// <summary><c>--max-count</c>.</summary>
        public Option<int> MaxCount { get; } = new("--max-count") { Description = "Most images per GET /generate.", DefaultValueFactory = _ => Defaults.MaxCount };

        /// <summary><c>--max-score-images</c>.</summary>
        public Option<int> MaxScoreImages { get; } = new("--max-score-images") { Description = "Most images per POST /score.", DefaultValueFactory = _ => Defaults.MaxScoreImages };

        /// <summary><c>--max-body-bytes</c>.</summary>
        public Option<long> MaxBodyBytes { get; } = new("--max-body-bytes") { Description = "Largest accepted request body.", DefaultValueFactory = _ => Defaults.MaxRequestBodyBytes };

        /// <summary><c>--max-concurrent</c>.</summary>
        public Option<int> MaxConcurrent { get; } = new("--max-concurrent") { Description = "Heavy requests (generate, encode, score) processed at once; more wait.", DefaultValueFactory = _ => Defaults.MaxConcurrentRequests };

        /// <summary><c>--max-queued</c>.</summary>
        public Option<int> MaxQueued { get; } = new("--max-queued") { Description = "Heavy requests waiting for a slot; beyond them the answer is 503 with Retry-After.", DefaultValueFactory = _ => Defaults.MaxQueuedRequests };

        /// <summary><c>--threads</c>.</summary>
        public Option<int> Threads { get; } = new("--threads") { Description = "ONNX Runtime intra-op threads per session (0: one per core).", DefaultValueFactory = _ => Defaults.IntraOpThreads };

        internal IEnumerable<Option> All => [Model, Encoder, Critic, Features, Urls, MaxCount, MaxScoreImages, MaxBodyBytes, MaxConcurrent, MaxQueued, Threads];
    }

    /// <summary>What the command does, for its help text.</summary>
    public const string Description = "Serve an exported generator over HTTP: GET /generate, POST /encode, POST /score, GET /health, GET /model.";

    /// <summary>Adds the options and the action to <paramref name="command"/> (a <c>serve</c> subcommand or a root command).</summary>
    /// <param name="command">The command to set up.</param>
    /// <param name="resolveDirectory">Turns a <c>--model</c> directory into serving options (the host exports the
    /// models in memory); null: a directory is an input error.</param>
    /// <param name="configure">Lets the host add its own options before parsing.</param>
    public static Command Configure(Command command,
        Func<string, ServingOptions, ParseResult, ServingOptions>? resolveDirectory = null, Action<Command, Options>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        var o = new Options();
        foreach (var option in o.All)
        {
            command.Options.Add(option);
        }
        configure?.Invoke(command, o);
        command.SetAction(parse => Run(() =>
        {
            var addresses = parse.GetValue(o.Urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var address in addresses)
            {
                if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                {
                    throw new ArgumentException($"--urls: '{address}' is not an http(s) URL");
                }
            }
            // The limits are checked here too so that the message names the flag, not the ServingOptions property.
            foreach (var (option, value, minimum) in new (Option, long, long)[]
            {
                (o.MaxCount, parse.GetValue(o.MaxCount), 1), (o.MaxScoreImages, parse.GetValue(o.MaxScoreImages), 1),
                (o.MaxBodyBytes, parse.GetValue(o.MaxBodyBytes), 1024), (o.MaxConcurrent, parse.GetValue(o.MaxConcurrent), 1),
                (o.MaxQueued, parse.GetValue(o.MaxQueued), 0), (o.Threads, parse.GetValue(o.Threads), 0),
            })
            {
                if (value < minimum)
                {
                    throw new ArgumentException($"{option.Name} must be >= {minimum}, got {value}");
                }
            }
            var model = parse.GetValue(o.Model)!;
            var options = new ServingOptions
            {
                ModelPath = model,
                EncoderPath = parse.GetValue(o.Encoder),
                CriticPath = parse.GetValue(o.Critic),
                FeatureExtractorPath = parse.GetValue(o.Features),
                MaxCount = parse.GetValue(o.MaxCount),
                MaxScoreImages = parse.GetValue(o.MaxScoreImages),
                MaxRequestBodyBytes = parse.GetValue(o.MaxBodyBytes),
                IntraOpThreads = parse.GetValue(o.Threads),
                MaxConcurrentRequests = parse.GetValue(o.MaxConcurrent),
                MaxQueuedRequests = parse.GetValue(o.MaxQueued),
            };
            if (Directory.Exists(model))
            {
                options = resolveDirectory is null
                    ? throw new ArgumentException($"--model: {model} is a directory; pass the ONNX file written by qgan export-onnx")
                    : resolveDirectory(model, options, parse);
            }
            using var app = ScoringService.Build(options, addresses);
            Console.WriteLine($"serving {model} on {string.Join(", ", addresses)} (Ctrl+C to stop)");
            app.Run();
            return 0;
        }));
        return command;
    }

    private static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException
            or System.Text.Json.JsonException or NotSupportedException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 2;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }
}
