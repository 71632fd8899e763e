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
