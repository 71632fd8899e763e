using System.Diagnostics;

namespace QGan.MLNet.Experiments.Slurm;

/// <summary>Runs the Slurm client tools (sbatch, squeue, sacct, scontrol, sinfo, scancel) found on PATH.</summary>
public static class SlurmTools
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public bool Succeeded => ExitCode == 0;
    }

    /// <summary>Full path of <paramref name="tool"/> on PATH, or null when it is not installed.</summary>
    public static string? Find(string tool)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>Full path of a tool that must exist (a <see cref="SlurmException"/> naming it otherwise).</summary>
    public static string Require(string tool) => Find(tool) ?? throw new SlurmException(
        $"{tool} not found on PATH: this machine is not a Slurm submit host (load the Slurm module or install slurm-client), or use --executor local");

    /// <summary>Runs a tool that must exist; a missing tool is a <see cref="SlurmException"/> naming it.</summary>
    public static Result Run(string tool, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var path = Require(tool);
        var psi = new ProcessStartInfo(path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }
        using var process = Process.Start(psi) ?? throw new SlurmException($"could not start {path}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new SlurmException($"{tool} {string.Join(' ', psi.ArgumentList)} did not answer within {(timeout ?? TimeSpan.FromMinutes(2)).TotalSeconds:0} s (is slurmctld reachable?)");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs a tool when it is installed; null when it is not.</summary>
    public static Result? TryRun(string tool, IEnumerable<string> arguments) =>
        Find(tool) is null ? null : Run(tool, arguments);
}
