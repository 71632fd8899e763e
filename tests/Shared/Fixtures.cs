namespace QGan.MLNet.Tests.Shared;

/// <summary>
/// Locates the independent reference fixtures in <c>../shared/fixtures</c> (beside the repository root).
/// Tests that need them fail loudly when they are missing instead of silently passing.
/// </summary>
public static class Fixtures
{
    private static readonly Lazy<string> _root = new(FindRoot);

    /// <summary>Absolute path of the <c>shared/fixtures</c> folder.</summary>
    public static string Root => _root.Value;

    /// <summary>Absolute path of a file below <c>shared/fixtures</c>, e.g. <c>Path("sat4", "sat4mini.mat")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>The repository root (the folder holding QGan.MLNet.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "QGan.MLNet.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException(
            $"Cannot find QGan.MLNet.sln above {AppContext.BaseDirectory}.");
    }

    private static string FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("QGAN_FIXTURES");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
        {
            return env;
        }
        var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepoRoot, "..", "shared", "fixtures"));
        if (Directory.Exists(candidate))
        {
            return candidate;
        }
        throw new DirectoryNotFoundException(
            $"Shared fixtures not found at {candidate} (set QGAN_FIXTURES to override).");
    }
}
