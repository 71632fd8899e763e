using System.Diagnostics;

namespace QGan.MLNet.Cli.Tests.Slurm;

/// <summary>Runs the built qgan with extra environment variables (PATH without Slurm, SLURM_CONF of the test cluster).</summary>
internal static class SlurmProcess
{
    public static QganProcess.Result Run(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "qgan.dll"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start qgan");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"qgan {string.Join(' ', args)} did not finish within 2 minutes");
        }
        return new QganProcess.Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
