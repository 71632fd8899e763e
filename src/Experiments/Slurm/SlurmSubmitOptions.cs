using System.Globalization;
using System.Text.RegularExpressions;

namespace QGan.MLNet.Experiments.Slurm;

/// <summary>How the array job of a sweep is submitted (the qgan sweep / resubmit Slurm flags).</summary>
public sealed partial record SlurmSubmitOptions
{
    public string? Partition { get; init; }
    public string? Account { get; init; }

    /// <summary>Per-task time limit in any format sbatch accepts (minutes, MM:SS, HH:MM:SS, D-HH:MM...).</summary>
    public string? Time { get; init; }

    public int CpusPerTask { get; init; } = 1;

    /// <summary>Memory per task as sbatch's <c>--mem</c> takes it (e.g. 4G, 2000M).</summary>
    public string? Memory { get; init; }

    /// <summary>The <c>%K</c> throttle: at most K array tasks run at once (null: no throttle).</summary>
    public int? MaxConcurrent { get; init; }

    public string JobName { get; init; } = "qgan-sweep";

    /// <summary>Extra <c>#SBATCH</c> directives, written verbatim (e.g. <c>--qos=long</c>, <c>--constraint=avx512</c>).</summary>
    public IReadOnlyList<string> ExtraDirectives { get; init; } = [];

    /// <summary>Shell lines run on the node before qgan (e.g. <c>module load dotnet</c>).</summary>
    public IReadOnlyList<string> Setup { get; init; } = [];

    /// <summary>Shell command that starts qgan on the nodes (null: this qgan, see <see cref="Execution.WorkerCommand.Current"/>).</summary>
    public string? Launcher { get; init; }

    /// <summary>Checks every value before anything is written or submitted (ArgumentException naming the flag).</summary>
    public void Validate()
    {
        if (CpusPerTask < 1)
        {
            throw new ArgumentException($"--cpus-per-task must be >= 1, got {CpusPerTask}");
        }
        if (MaxConcurrent is int k && k < 1)
        {
            throw new ArgumentException($"--max-concurrent must be >= 1, got {k}");
        }
        CheckWord("--partition", Partition);
        CheckWord("--account", Account);
        CheckWord("--job-name", JobName);
        if (Time is not null && !TimePattern().IsMatch(Time))
        {
            throw new ArgumentException($"--time '{Time}' is not a Slurm time limit (minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS)");
        }
        if (Memory is not null && !MemoryPattern().IsMatch(Memory))
        {
            throw new ArgumentException($"--mem '{Memory}' is not a Slurm memory size (e.g. 4G, 2000M)");
        }
        foreach (var d in ExtraDirectives)
        {
            if (!d.StartsWith('-') || d.Contains('\n') || d.Contains('\r'))
            {
                throw new ArgumentException($"--sbatch-arg '{d}' must be one sbatch option starting with '-' (e.g. --qos=long)");
            }
            if (d.StartsWith("--array", StringComparison.Ordinal) || d == "-a" || d.StartsWith("--output", StringComparison.Ordinal) || d.StartsWith("-o", StringComparison.Ordinal))
            {
                throw new ArgumentException($"--sbatch-arg '{d}': the array and the log files are set by qgan (use --max-concurrent for the throttle)");
            }
        }
        if (Setup.Any(s => s.Contains('\n') || s.Contains('\r')))
        {
            throw new ArgumentException("--setup takes one shell line per flag");
        }
        if (Launcher is not null && (Launcher.Trim().Length == 0 || Launcher.Contains('\n')))
        {
            throw new ArgumentException("--launcher must be one non-empty shell command line");
        }
    }

    /// <summary>The #SBATCH resource directives in a stable order (array and output come from the submitter).</summary>
    public IEnumerable<string> ResourceDirectives()
    {
        yield return $"--job-name={JobName}";
        if (Partition is not null)
        {
            yield return $"--partition={Partition}";
        }
        if (Account is not null)
        {
            yield return $"--account={Account}";
        }
        if (Time is not null)
        {
            yield return $"--time={Time}";
        }
        yield return "--ntasks=1";
        yield return $"--cpus-per-task={CpusPerTask.ToString(CultureInfo.InvariantCulture)}";
        if (Memory is not null)
        {
            yield return $"--mem={Memory}";
        }
        foreach (var d in ExtraDirectives)
        {
            yield return d;
        }
    }

    private static void CheckWord(string flag, string? value)
    {
        if (value is not null && (value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '#')))
        {
            throw new ArgumentException($"{flag} '{value}' must be a non-empty name without spaces or quotes");
        }
    }

    [GeneratedRegex(@"^(\d+|\d+:\d{1,2}|\d+:\d{1,2}:\d{1,2}|\d+-\d+|\d+-\d+:\d{1,2}|\d+-\d+:\d{1,2}:\d{1,2}|UNLIMITED|INFINITE)$")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^\d+[KMGT]?$")]
    private static partial Regex MemoryPattern();
}
