using System.Diagnostics;

namespace QGan.MLNet.Cli.Sweep;

/// <summary>Starts <c>qgan sweep run-one</c> child processes of this same executable (apphost or <c>dotnet qgan.dll</c>).</summary>
internal static class WorkerLauncher
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot locate the running executable");
        var psi = new ProcessStartInfo(host)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            // Running as `dotnet qgan.dll`: the child needs the same assembly path.
            psi.ArgumentList.Add(typeof(WorkerLauncher).Assembly.Location);
        }
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }
        return psi;
    }
}
