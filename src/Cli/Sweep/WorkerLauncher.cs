using System.Diagnostics;

namespace QGan.MLNet.Cli.Sweep;

/// <summary>Starts <c>qgan sweep run-one</c> child processes of this same executable (apphost or <c>dotnet qgan.dll</c>).</summary>
internal static class WorkerLauncher
{
    public const string MklReproducibility = "MKL_CBWR";

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
        // MKL picks alignment-dependent kernels unless conditional numerical reproducibility is on: without it two runs of
        // the same seed differ in the last bits (and a resumed run would not end where an uninterrupted one ends).
        if (Environment.GetEnvironmentVariable(MklReproducibility) is null)
        {
            psi.Environment[MklReproducibility] = "AUTO";
        }
        return psi;
    }
}
