using System.Diagnostics;
using QGan.MLNet.Tests.Shared;

namespace QGan.MLNet.Cli.Tests.Slurm;

/// <summary>
/// The single-node Slurm of scripts/slurm/start-local-slurm.sh. Reuses a running one (SLURM_CONF set, e.g. by CI,
/// or the script's default folder answering); otherwise starts it and stops it again when the tests are done.
/// </summary>
public sealed class LocalSlurm : IDisposable
{
    private static readonly string DefaultDirectory = Path.Combine("/tmp", "qgan-local-slurm");
    private readonly bool started;

    public LocalSlurm()
    {
        var conf = Environment.GetEnvironmentVariable("SLURM_CONF");
        if (conf is not null && Responds(conf))
        {
            ConfPath = conf;
            return;
        }
        var existing = Path.Combine(DefaultDirectory, "slurm.conf");
        if (File.Exists(Path.Combine(DefaultDirectory, "pids")) && Responds(existing))
        {
            ConfPath = existing;
        }
        else
        {
            var (code, stdout, stderr) = Script("start-local-slurm.sh");
            if (code != 0)
            {
                throw new InvalidOperationException($"scripts/slurm/start-local-slurm.sh failed (exit {code}):\n{stdout}\n{stderr}");
            }
            ConfPath = stdout.Trim().Split('\n').Last();
            started = true;
        }
        // Child processes (qgan, sbatch, squeue) inherit it.
        Environment.SetEnvironmentVariable("SLURM_CONF", ConfPath);
    }

    public string ConfPath { get; }

    /// <summary>Why the Slurm tests cannot run here, or null when a local Slurm is running or can be started.</summary>
    public static string? Unavailable { get; } = Probe();

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "the local Slurm test cluster runs on Linux only";
        }
        if (Environment.GetEnvironmentVariable("SLURM_CONF") is string conf && File.Exists(conf))
        {
            return null;
        }
        if (File.Exists(Path.Combine(DefaultDirectory, "pids")))
        {
            return null;
        }
        if (!Environment.IsPrivilegedProcess)
        {
            return "starting the local Slurm test cluster needs root (scripts/slurm/start-local-slurm.sh), and none is running (SLURM_CONF unset)";
        }
        bool installed = new[] { "slurmctld", "slurmd", "sbatch", "munged" }.All(t => QGan.MLNet.Experiments.Slurm.SlurmTools.Find(t) is not null);
        if (!installed && QGan.MLNet.Experiments.Slurm.SlurmTools.Find("apt-get") is null)
        {
            return "the Slurm packages (slurmctld slurmd slurm-client munge) are not installed and there is no apt-get to install them";
        }
        return null;
    }

    private static bool Responds(string conf)
    {
        var psi = new ProcessStartInfo("sinfo") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("--noheader");
        psi.Environment["SLURM_CONF"] = conf;
        try
        {
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill();
                return false;
            }
            return process.ExitCode == 0 && stdout.Result.Trim().Length > 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // sinfo is not installed
        }
    }

    private static (int Code, string StdOut, string StdErr) Script(string name)
    {
        var psi = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(Fixtures.RepoRoot, "scripts", "slurm", name));
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "", $"{name} did not finish within 10 minutes\n{stderr.Result}");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose()
    {
        if (started)
        {
            Script("stop-local-slurm.sh");
        }
    }
}

/// <summary>Tests that run jobs on the local Slurm; they share one cluster.</summary>
[CollectionDefinition(Name)]
public sealed class LocalSlurmCollection : ICollectionFixture<LocalSlurm>
{
    public const string Name = "local slurm";
}

/// <summary>A fact that needs the local Slurm: skipped, with the reason shown, only where it cannot be started.</summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    public SlurmFactAttribute()
    {
        if (LocalSlurm.Unavailable is string reason)
        {
            Skip = reason;
        }
    }
}
