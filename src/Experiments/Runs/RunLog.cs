using System.Globalization;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Experiments.Runs;

/// <summary>A run's <c>log.txt</c>: timestamped lines of every attempt; each append rewrites the small file atomically.</summary>
internal sealed class RunLog(string path)
{
    /// <summary>Message prefix of an attempt that failed with an exception (not a divergence).</summary>
    public const string FailedPrefix = "failed: ";

    public void Write(string message)
    {
        var existing = File.Exists(path) ? File.ReadAllText(path) : "";
        var line = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {message}\n");
        AtomicFile.WriteAllText(path, existing + line);
    }

    /// <summary>The error of the last attempt when it failed (its last line is a failure), else null.</summary>
    public static string? LastFailure(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        var last = File.ReadLines(path).LastOrDefault(l => l.Trim().Length > 0);
        int at = last?.IndexOf(" " + FailedPrefix, StringComparison.Ordinal) ?? -1;
        return at < 0 ? null : last![(at + 1 + FailedPrefix.Length)..];
    }
}
