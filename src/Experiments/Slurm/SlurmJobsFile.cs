using System.Text.Json.Serialization;
using System.Text.Json;
using QGan.MLNet.Experiments.Runs;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Experiments.Slurm;

/// <summary>One sbatch submission: the array job id and the runs in it (array task id = run index).</summary>
public sealed record SlurmSubmission
{
    public required string JobId { get; init; }
    public string? Cluster { get; init; }
    public required int Number { get; init; }

    /// <summary><c>submit</c> (qgan sweep --executor slurm) or <c>resubmit</c>.</summary>
    public required string Kind { get; init; }
    public required DateTime SubmittedUtc { get; init; }
    public required string Array { get; init; }
    public required IReadOnlyList<int> Runs { get; init; }
    public required string Script { get; init; }
    public required IReadOnlyList<string> Command { get; init; }
}

/// <summary>
/// <c>DIR/slurm/jobs.json</c>: every submission of a sweep, rewritten atomically after each one, so status and
/// resubmit know which job holds which runs.
/// </summary>
public sealed record SlurmJobsFile
{
    public const string CurrentFormat = "qgan-sweep-slurm-jobs/1";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Format { get; init; } = CurrentFormat;
    public IReadOnlyList<SlurmSubmission> Submissions { get; init; } = [];

    public static string DirectoryOf(SweepLayout layout) => Path.Combine(layout.Directory, "slurm");

    public static string PathOf(SweepLayout layout) => Path.Combine(DirectoryOf(layout), "jobs.json");

    /// <summary>The sweep's submissions; none when it was never submitted to Slurm.</summary>
    public static SlurmJobsFile Load(SweepLayout layout)
    {
        var path = PathOf(layout);
        if (!File.Exists(path))
        {
            return new SlurmJobsFile();
        }
        SlurmJobsFile? file;
        try
        {
            file = JsonSerializer.Deserialize<SlurmJobsFile>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Message}", ex);
        }
        if (file is null || file.Format != CurrentFormat)
        {
            throw new InvalidDataException($"{path}: expected format '{CurrentFormat}'");
        }
        if (file.Submissions.Any(s => s is null || string.IsNullOrEmpty(s.JobId) || s.Runs is null))
        {
            throw new InvalidDataException($"{path}: a submission has no jobId or runs");
        }
        return file;
    }

    public SlurmJobsFile With(SlurmSubmission submission) => this with { Submissions = [.. Submissions, submission] };

    public void Save(SweepLayout layout)
    {
        Directory.CreateDirectory(DirectoryOf(layout));
        AtomicFile.WriteAllText(PathOf(layout), JsonSerializer.Serialize(this, Json) + "\n");
    }

    /// <summary>The submissions that contain run <paramref name="index"/>, latest last.</summary>
    public IEnumerable<SlurmSubmission> SubmissionsOf(int index) => Submissions.Where(s => s.Runs.Contains(index));
}
