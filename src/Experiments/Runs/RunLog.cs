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
}
