using System.Text.Json;
using QGan.MLNet.Experiments.Analysis;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Experiments.Runs;

/// <summary>Paths of a sweep directory and of its run folders (docs/sweep.md, "Output layout").</summary>
public sealed record SweepLayout(string Directory)
{
    public string ConfigPath => Path.Combine(Directory, SweepConfig.FileName);

    public string RunsCsvPath => Path.Combine(Directory, RunsCsv.FileName);

    public string SummaryPath => Path.Combine(Directory, SweepSummary.FileName);

    public string HardwareDirectory => Path.Combine(Directory, "hardware");

    public string RunDirectory(int index) => Path.Combine(Directory, "runs", index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public GanRunLayout Run(int index) => new(RunDirectory(index));

    public string RunJsonPath(int index) => Path.Combine(RunDirectory(index), SweepRunRecord.FileName);

    public string ResultPath(int index) => Path.Combine(RunDirectory(index), SweepRunResult.FileName);

    public string LogPath(int index) => Path.Combine(RunDirectory(index), "log.txt");

    public string CrashPath(int index) => Path.Combine(RunDirectory(index), SweepRunCrash.FileName);

    public bool IsFinished(int index) => File.Exists(ResultPath(index));

    /// <summary>Autoencoders the sweep trains itself (<c>data.autoencoders[].train</c>).</summary>
    public string AutoencoderDirectory(string name) => Path.Combine(Directory, "autoencoders", name);

    /// <summary>The sweep's data encoded once into an autoencoder's latent space, shared by every run (header-less CSV).</summary>
    public string SharedLatentsPath(string? autoencoder) => Path.Combine(Directory, "data", $"latents-{autoencoder ?? "given"}.csv");

    /// <summary>FID/JSD between two disjoint real held-out sets per space (written by the post-pass).</summary>
    public string NoiseFloorPath => Path.Combine(Directory, Analysis.NoiseFloorFile.FileName);

    /// <summary>Each autoencoder's reconstruction error on held-out images (written by the post-pass).</summary>
    public string AutoencodersPath => Path.Combine(Directory, AutoencodersFile.FileName);

    /// <summary>The shot study of every quantum depth's best run (written by the post-pass).</summary>
    public string ShotsPath => Path.Combine(Directory, Hardware.ShotStudyFile.FileName);

    /// <summary>A run's pixel FID, computed after the sweep for the best cells (<c>evaluation.pixelFid = best</c>).</summary>
    public string PixelFidPath(int index) => Path.Combine(RunDirectory(index), PixelFidFile.FileName);
    /// <summary>The run's last attempt crashed and no later attempt finished it (it is retried on the next sweep).</summary>
    public bool HasCrashed(int index) => !IsFinished(index) && File.Exists(CrashPath(index));
}

/// <summary><c>run.json</c>: a run's full configuration and parameter counts.</summary>
public sealed record SweepRunRecord
{
    public const string FileName = "run.json";
    public const string CurrentFormat = "qgan-sweep-run/1";

    public string Format { get; init; } = CurrentFormat;
    public int Index { get; init; }
    public required SweepGeneratorSpec Generator { get; init; }
    public required IReadOnlyList<int> CriticHidden { get; init; }
    public long Seed { get; init; }
    public long GeneratorParameters { get; init; }
    public long CriticParameters { get; init; }
    public required GanTrainingOptions Options { get; init; }
    public required SweepData Data { get; init; }

    /// <summary>Name of the autoencoder whose latent space the run trains in (null: pre-encoded latents).</summary>
    public string? Autoencoder { get; init; }

    /// <summary>Rows of the held-out (test) split; the validation split has as many.</summary>
    public int? HeldOut { get; init; }
    public required string ConfigHash { get; init; }

    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, SweepJson.Options) + "\n");

    public static SweepRunRecord Load(string path) => SweepJson.Load<SweepRunRecord>(path, CurrentFormat, r => r.Format);
}

/// <summary><c>result.json</c>, written atomically last: its presence means the run is finished.</summary>
public sealed record SweepRunResult
{
    public const string FileName = "result.json";
    public const string CurrentFormat = "qgan-sweep-result/1";

    public string Format { get; init; } = CurrentFormat;
    public int Index { get; init; }
    public required string Status { get; init; }
    public int Iterations { get; init; }
    public int? ResumedFrom { get; init; }
    public string? Divergence { get; init; }
    public double WallSeconds { get; init; }
    public DateTime FinishedUtc { get; init; }

    /// <summary><c>plateau</c> (early stopping), <c>budget</c> or <c>diverged</c>.</summary>
    public string? StopReason { get; init; }

    /// <summary>Iteration of the reported generator (the best one with early stopping, else the last).</summary>
    public int? BestIteration { get; init; }

    /// <summary>Mean CPU seconds per generator iteration in the attempt that finished (one thread: the cost on one core).</summary>
    public double? SecondsPerIteration { get; init; }

    /// <summary>Generator inference seconds per sample (one thread; <see cref="Measurement.InferenceTiming"/>).</summary>
    public double? InferenceSecondsPerSample { get; init; }

    /// <summary>The end-of-run evaluation of the reported generator (null for a diverged run).</summary>
    public Measurement.RunEvaluation? Evaluation { get; init; }

    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, SweepJson.Options) + "\n");

    public static SweepRunResult Load(string path) => SweepJson.Load<SweepRunResult>(path, CurrentFormat, r => r.Format);
}

/// <summary>
/// <c>crash.json</c>: the last attempt of an unfinished run stopped on an exception that is not a divergence (or its
/// worker process died). Written atomically when it happens, removed when a later attempt finishes the run; a crashed
/// run has no result.json, so rerunning the sweep retries it from its checkpoint.
/// </summary>
public sealed record SweepRunCrash
{
    public const string FileName = "crash.json";
    public const string CurrentFormat = "qgan-sweep-crash/1";

    public string Format { get; init; } = CurrentFormat;
    public int Index { get; init; }

    /// <summary>The cause: exception type and the first line of its message, or how the worker process ended.</summary>
    public required string Error { get; init; }

    /// <summary>Generator iterations completed when it crashed (null when it crashed before training started).</summary>
    public int? Iteration { get; init; }

    public double WallSeconds { get; init; }
    public DateTime CrashedUtc { get; init; }

    /// <summary>One line for runs.csv and the console: <c>Type: first line of the message</c>, at most 500 characters.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var firstLine = exception.Message.Split('\n', 2)[0].Trim();
        var text = $"{exception.GetType().Name}: {firstLine}";
        return text.Length <= 500 ? text : text[..497] + "...";
    }

    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, SweepJson.Options) + "\n");

    public static SweepRunCrash Load(string path) => SweepJson.Load<SweepRunCrash>(path, CurrentFormat, r => r.Format);
}

internal static class SweepJson
{
    public static readonly JsonSerializerOptions Options = new(SweepConfig.JsonOptions)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static T Load<T>(string path, string format, Func<T, string> formatOf)
        where T : class
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist", path);
        }
        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Message}", ex);
        }
        if (value is null || formatOf(value) != format)
        {
            throw new InvalidDataException($"{path}: expected format '{format}'");
        }
        return value;
    }
}

/// <summary><c>runs/I/pixel-fid.json</c>: a run's pixel FID, computed after the sweep (docs/sweep.md, "Measurement").</summary>
public sealed record PixelFidFile
{
    public const string FileName = "pixel-fid.json";
    public const string CurrentFormat = "qgan-pixel-fid/1";

    public string Format { get; init; } = CurrentFormat;
    public int Index { get; init; }
    public int EvalSamples { get; init; }
    public double PixelFid { get; init; }

    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, SweepJson.Options) + "\n");

    public static PixelFidFile Load(string path) => SweepJson.Load<PixelFidFile>(path, CurrentFormat, r => r.Format);
}

/// <summary><c>DIR/autoencoders.json</c>: the study's autoencoders and their reconstruction error on held-out images.</summary>
public sealed record AutoencodersFile
{
    public const string FileName = "autoencoders.json";
    public const string CurrentFormat = "qgan-autoencoders/1";

    public string Format { get; init; } = CurrentFormat;
    public required IReadOnlyList<AutoencoderEntry> Autoencoders { get; init; }

    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, SweepJson.Options) + "\n");

    public static AutoencodersFile Load(string path) => SweepJson.Load<AutoencodersFile>(path, CurrentFormat, r => r.Format);
}

/// <summary>One autoencoder of <see cref="AutoencodersFile"/>.</summary>
/// <param name="Name">The name runs.csv's <c>autoencoder</c> column holds.</param>
/// <param name="Path">Its folder.</param>
/// <param name="ReconstructionMse">Mean squared pixel error of decode(encode(x)) over the held-out images (null without images).</param>
/// <param name="HeldOutImages">How many held-out images, and which.</param>
/// <param name="HeldOutSource">Where they come from.</param>
public sealed record AutoencoderEntry(string Name, string Path, double? ReconstructionMse, int HeldOutImages, string HeldOutSource);
