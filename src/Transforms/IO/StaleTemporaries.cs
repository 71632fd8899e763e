using System.Diagnostics;

namespace QGan.MLNet.Transforms.IO;

/// <summary>
/// Names of the temporaries the atomic writers build beside a target (<c>.NAME.PID.GUID.tmp</c>, a file for
/// <see cref="AtomicFile"/>, a folder for <see cref="AtomicDirectory"/>), and their removal once the writer is gone.
/// A writer killed during the write (kill -9, power loss) cannot delete its temporary; the next write of the same
/// target does, when the process id in the name is no running process. Temporaries of running processes, this one
/// included, are left alone: they may be writes in progress.
/// </summary>
internal static class StaleTemporaries
{
    private const string Suffix = ".tmp";

    /// <summary>A fresh temporary name for <paramref name="name"/> written by this process.</summary>
    public static string NameFor(string name) => $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}{Suffix}";

    /// <summary>Deletes the temporaries of <paramref name="name"/> in <paramref name="directory"/> left by dead processes.</summary>
    public static void Remove(string directory, string name)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }
        var prefix = $".{name}.";
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory, $"{prefix}*{Suffix}"))
        {
            if (WriterId(Path.GetFileName(entry), prefix) is { } pid && pid != Environment.ProcessId && !IsRunning(pid))
            {
                TryDelete(entry);
            }
        }
    }

    /// <summary>The process id of a temporary named <c>PREFIX PID.GUID.tmp</c>, null for any other name.</summary>
    internal static int? WriterId(string fileName, string prefix)
    {
        if (!fileName.StartsWith(prefix, StringComparison.Ordinal) || !fileName.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return null;
        }
        var middle = fileName[prefix.Length..^Suffix.Length].Split('.');
        return middle.Length == 2 && int.TryParse(middle[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
            && middle[1].Length == 32 && Guid.TryParseExact(middle[1], "N", out _)
            ? pid
            : null;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
            // Another process cleaned it up at the same time, or it is not ours to delete: leave it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
