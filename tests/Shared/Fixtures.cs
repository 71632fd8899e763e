namespace QGan.MLNet.Tests.Shared;

/// <summary>
/// Locates the independent reference fixtures. Tests read the byte-identical copies kept in the repository
/// (<c>tests/fixtures</c>, provenance in its README); <c>QGAN_FIXTURES</c> overrides the folder. The originals in
/// <c>../shared/fixtures</c> beside the repository root are only compared with the copies
/// (<see cref="SharedRoot"/>), never read by the tests themselves, so a clone alone runs every test.
/// </summary>
public static class Fixtures
{
    private static readonly Lazy<string> _root = new(FindRoot);

    /// <summary>Absolute path of the fixture folder the tests read.</summary>
    public static string Root => _root.Value;

    /// <summary>Absolute path of a fixture file, e.g. <c>Path("sat4", "sat4mini.mat")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>The repository root (the folder holding QGan.MLNet.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The in-repository copy of the fixtures (<c>tests/fixtures</c>).</summary>
    public static string RepoCopy => System.IO.Path.Combine(RepoRoot, "tests", "fixtures");

    /// <summary>The original fixtures in <c>../shared/fixtures</c> beside the repository, or null where there are none.</summary>
    public static string? SharedRoot
    {
        get
        {
            var shared = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepoRoot, "..", "shared", "fixtures"));
            return Directory.Exists(shared) ? shared : null;
        }
    }

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
        if (!string.IsNullOrEmpty(env))
        {
            return Directory.Exists(env)
                ? System.IO.Path.GetFullPath(env)
                : throw new DirectoryNotFoundException($"QGAN_FIXTURES points at {env}, which is not a folder.");
        }
        return Directory.Exists(RepoCopy)
            ? RepoCopy
            : throw new DirectoryNotFoundException(
                $"The reference fixtures are missing at {RepoCopy} (set QGAN_FIXTURES to override).");
    }
}
