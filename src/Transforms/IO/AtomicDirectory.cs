namespace QGan.MLNet.Transforms.IO;

/// <summary>
/// Creates a folder atomically: its content is built in a temporary folder beside the target and renamed into place
/// only when complete, so a failure or a crash never leaves a half-written data set where a complete one is expected.
/// The temporary folder of a writer that was killed is removed by the next creation of the same folder
/// (<see cref="StaleTemporaries"/>).
/// </summary>
public static class AtomicDirectory
{
    /// <summary>
    /// Builds <paramref name="path"/> with <paramref name="build"/> (which gets the temporary folder to fill). An existing
    /// empty folder is replaced; a non-empty one only when <paramref name="overwrite"/> is set.
    /// </summary>
    public static void Create(string path, bool overwrite, Action<string> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(full) ?? throw new ArgumentException($"{path}: cannot create a file-system root.");
        var name = Path.GetFileName(full);
        if (File.Exists(full))
        {
            throw new ArgumentException($"{path}: a file with that name exists (expected a folder).");
        }
        if (!overwrite && Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            throw new ArgumentException($"{path}: folder exists and is not empty (use --force to replace it).");
        }
        Directory.CreateDirectory(parent);
        StaleTemporaries.Remove(parent, name);
        var tmp = Path.Combine(parent, StaleTemporaries.NameFor(name));
        Directory.CreateDirectory(tmp);
        try
        {
            build(tmp);
        }
        catch
        {
            TryDelete(tmp);
            throw;
        }

        if (!Directory.Exists(full))
        {
            Directory.Move(tmp, full);
            return;
        }
        // Replace: move the old folder aside first so the target is never half old, half new.
        var old = Path.Combine(parent, $".{name}.old-{Guid.NewGuid():N}");
        Directory.Move(full, old);
        try
        {
            Directory.Move(tmp, full);
        }
        catch
        {
            Directory.Move(old, full);
            TryDelete(tmp);
            throw;
        }
        TryDelete(old);
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
