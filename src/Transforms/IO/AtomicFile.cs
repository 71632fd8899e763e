namespace QGan.MLNet.Transforms.IO;

/// <summary>
/// Writes files atomically: content goes to a temporary file in the same folder, is flushed to disk, and
/// is then renamed over the target. A crash or an exception never leaves a partial file behind; the temporary of a
/// writer that was killed is removed by the next write of the same file (<see cref="StaleTemporaries"/>).
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/> into a temporary file in the same folder, then renames it into place: readers never see a partial file, and a failure leaves none behind.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var name = Path.GetFileName(full);
        StaleTemporaries.Remove(dir, name);
        var tmp = Path.Combine(dir, StaleTemporaries.NameFor(name));
        try
        {
            using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        catch
        {
            TryDelete(tmp);
            throw;
        }
    }

    /// <summary>Writes the UTF-8 text atomically (see <see cref="Write"/>).</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, s =>
        {
            using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), leaveOpen: true);
            w.Write(text);
        });

    /// <summary>Writes the bytes atomically (see <see cref="Write"/>).</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, s => s.Write(copy));
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
