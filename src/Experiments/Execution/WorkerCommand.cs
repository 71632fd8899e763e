using System.Diagnostics;
using System.Reflection;
using QGan.MLNet.Experiments.Slurm;

namespace QGan.MLNet.Experiments.Execution;

/// <summary>
/// How to start a sweep worker (<c>qgan sweep run-one ...</c>): an executable and the arguments that come before the
/// worker's own (e.g. <c>dotnet /path/qgan.dll</c>). Local executors start it as a child process; Slurm batch scripts
/// run its shell form on the nodes.
/// </summary>
/// <param name="Executable">The program to start (an apphost, a self-contained qgan, or dotnet).</param>
/// <param name="Prefix">Arguments before the worker's own (the qgan.dll path when <paramref name="Executable"/> is dotnet).</param>
public sealed record WorkerCommand(string Executable, IReadOnlyList<string> Prefix)
{
    /// <summary>Environment variable that makes MKL's results independent of memory alignment.</summary>
    public const string MklReproducibility = "MKL_CBWR";

    /// <summary>
    /// Environment variable that switches the .NET runtime's tiered compilation off: every method then runs one code
    /// version for the life of the process, so floating-point results (e.g. SIMD reductions in the FID) do not depend on
    /// how often, or how long ago, a method was called — which differs between a worker that trained other runs first
    /// and a fresh process.
    /// </summary>
    public const string TieredCompilation = "DOTNET_TieredCompilation";

    /// <summary>
    /// The running qgan: its apphost / self-contained executable, or <c>dotnet qgan.dll</c> when it runs through the
    /// dotnet host (the entry assembly is qgan's). A library caller that is not qgan passes <see cref="Qgan"/> instead.
    /// </summary>
    public static WorkerCommand Current()
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot locate the running executable");
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            var entry = Assembly.GetEntryAssembly()?.Location;
            if (string.IsNullOrEmpty(entry))
            {
                throw new InvalidOperationException("cannot locate the entry assembly to pass to dotnet");
            }
            return new WorkerCommand(host, [entry]);
        }
        return new WorkerCommand(host, []);
    }

    /// <summary>A qgan installed elsewhere: an executable, or a <c>qgan.dll</c> started through <c>dotnet</c>.</summary>
    public static WorkerCommand Qgan(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        return full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new WorkerCommand("dotnet", [full])
            : new WorkerCommand(full, []);
    }

    /// <summary>The command as one shell-quoted line (the default launcher of Slurm batch scripts).</summary>
    public string ToShell() => ShellQuote.Join([Executable, .. Prefix]);

    /// <summary>A child process of this command with <paramref name="arguments"/> after the prefix; output is redirected.</summary>
    public ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var psi = new ProcessStartInfo(Executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in Prefix.Concat(arguments))
        {
            psi.ArgumentList.Add(a);
        }
        // MKL picks alignment-dependent kernels unless conditional numerical reproducibility is on: without it two runs of
        // the same seed differ in the last bits (and a resumed run would not end where an uninterrupted one ends).
        if (Environment.GetEnvironmentVariable(MklReproducibility) is null)
        {
            psi.Environment[MklReproducibility] = "AUTO";
        }
        // Likewise the JIT: with tiered compilation a method's code changes after enough calls, and a worker that trained
        // other runs first would compute a run's FIDs with other code (and other last bits) than a fresh process.
        if (Environment.GetEnvironmentVariable(TieredCompilation) is null)
        {
            psi.Environment[TieredCompilation] = "0";
        }
        return psi;
    }
}
