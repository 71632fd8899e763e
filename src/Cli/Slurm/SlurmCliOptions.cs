using System.CommandLine;
using QGan.MLNet.Experiments.Slurm;

namespace QGan.MLNet.Cli.Slurm;

/// <summary>The Slurm submission flags shared by <c>qgan sweep --executor slurm</c> and <c>qgan sweep resubmit</c>.</summary>
public sealed class SlurmCliOptions
{
    public Option<string?> Partition { get; } = new("--partition") { Description = "[slurm] Partition (checked with sinfo before submitting)." };
    public Option<string?> Account { get; } = new("--account") { Description = "[slurm] Account to charge." };
    public Option<string?> Time { get; } = new("--time") { Description = "[slurm] Time limit per run (sbatch format, e.g. 2:00:00 or 1-00:00)." };
    public Option<int> CpusPerTask { get; } = new("--cpus-per-task") { Description = "[slurm] CPUs per run, also qgan's libtorch threads (default 1).", DefaultValueFactory = _ => 1 };
    public Option<string?> Memory { get; } = new("--mem") { Description = "[slurm] Memory per run (e.g. 4G)." };
    public Option<int?> MaxConcurrent { get; } = new("--max-concurrent") { Description = "[slurm] At most K runs at once (the array's %K throttle)." };
    public Option<string> JobName { get; } = new("--job-name") { Description = "[slurm] Job name (default qgan-sweep).", DefaultValueFactory = _ => "qgan-sweep" };
    public Option<string[]> SbatchArgs { get; } = new("--sbatch-arg") { Description = "[slurm] Extra #SBATCH directive, repeatable (write --sbatch-arg=--qos=long)." };
    public Option<string[]> Setup { get; } = new("--setup") { Description = "[slurm] Shell line run on the node before qgan, repeatable (e.g. 'module load dotnet')." };
    public Option<string?> Launcher { get; } = new("--launcher") { Description = "[slurm] Command that starts qgan on the nodes (default: this executable, or 'dotnet <qgan.dll>')." };
    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "[slurm] Print the batch script and the sbatch command; submit and write nothing." };

    /// <summary>Creates the options and adds them to <paramref name="command"/>.</summary>
    public static SlurmCliOptions AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var o = new SlurmCliOptions();
        foreach (var option in new Option[] { o.Partition, o.Account, o.Time, o.CpusPerTask, o.Memory, o.MaxConcurrent, o.JobName, o.SbatchArgs, o.Setup, o.Launcher, o.DryRun })
        {
            command.Options.Add(option);
        }
        return o;
    }

    /// <summary>The validated submission options of a parsed command line.</summary>
    public SlurmSubmitOptions Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var options = new SlurmSubmitOptions
        {
            Partition = parse.GetValue(Partition),
            Account = parse.GetValue(Account),
            Time = parse.GetValue(Time),
            CpusPerTask = parse.GetValue(CpusPerTask),
            Memory = parse.GetValue(Memory),
            MaxConcurrent = parse.GetValue(MaxConcurrent),
            JobName = parse.GetValue(JobName) ?? "qgan-sweep",
            ExtraDirectives = parse.GetValue(SbatchArgs) ?? [],
            Setup = parse.GetValue(Setup) ?? [],
            Launcher = parse.GetValue(Launcher),
        };
        options.Validate();
        return options;
    }

    /// <summary>Flags of this set that were given on the command line (for refusing them with the local executor).</summary>
    public IEnumerable<string> Given(ParseResult parse) =>
        new Option[] { Partition, Account, Time, CpusPerTask, Memory, MaxConcurrent, JobName, SbatchArgs, Setup, Launcher, DryRun }
            .Where(o => parse.GetResult(o) is { Implicit: false })
            .Select(o => o.Name);
}
