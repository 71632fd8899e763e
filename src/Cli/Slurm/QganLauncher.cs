namespace QGan.MLNet.Cli.Slurm;

/// <summary>The shell command that starts this same qgan on a compute node (the default of <c>--launcher</c>).</summary>
public static class QganLauncher
{
    /// <summary>
    /// The running executable: the apphost / self-contained <c>qgan</c> itself, or <c>dotnet /path/qgan.dll</c> when
    /// qgan runs through the dotnet host. Both paths must be visible on the nodes (shared filesystem).
    /// </summary>
    public static string Current()
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot locate the running executable");
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return ShellQuote.Join([host, typeof(QganLauncher).Assembly.Location]);
        }
        return ShellQuote.Quote(host);
    }
}
