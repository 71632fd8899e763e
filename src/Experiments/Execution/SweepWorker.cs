using System.Globalization;
using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Experiments.Execution;

/// <summary>
/// A worker process that trains several runs of a sweep, one after the other, in one process (<c>qgan sweep work</c>):
/// the process start, the runtime and libtorch warm-up and the loaded data and models are paid once per worker instead
/// of once per run. It reads run indices from its input, one per line, and answers each with one protocol line
/// (<see cref="Done"/> or <see cref="Failed"/>); it exits at the end of its input. Every run is exactly what
/// <c>qgan sweep run-one</c> trains (<see cref="SweepRunExecutor"/>): the same code path, results and files.
/// </summary>
public static class SweepWorker
{
    /// <summary>Prefix of protocol lines (other output of the process is ignored by the executor).</summary>
    public const string Prefix = "@@qgan-sweep-worker";

    /// <summary>Protocol line of a finished run (completed or diverged: result.json written).</summary>
    public static string Done(int index) => string.Create(CultureInfo.InvariantCulture, $"{Prefix} done {index}");

    /// <summary>Protocol line of a run that failed (no result.json; the message is also in the run's log.txt).</summary>
    public static string Failed(int index, string message) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix} failed {index} {message.ReplaceLineEndings(" ")}");

    /// <summary>Serves run requests until <paramref name="input"/> ends; returns the number of failed runs.</summary>
    public static int Serve(SweepRunExecutor executor, TextReader input, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        int failed = 0;
        while (input.ReadLine() is { } line)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (line.Trim().Length == 0)
            {
                continue;
            }
            if (!int.TryParse(line.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index >= executor.Config.RunCount)
            {
                output.WriteLine(Failed(-1, $"'{line.Trim()}' is not a run index of this sweep (0..{executor.Config.RunCount - 1})"));
                output.Flush();
                failed++;
                continue;
            }
            try
            {
                executor.Run(index, cancellationToken: cancellationToken);
                output.WriteLine(Done(index));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                output.WriteLine(Failed(index, $"{ex.GetType().Name}: {ex.Message}"));
                failed++;
            }
            output.Flush();
        }
        return failed;
    }

    /// <summary>Parses a protocol line: (index, null) for done, (index, message) for failed; null for other output.</summary>
    public static (int Index, string? Error)? Parse(string? line)
    {
        if (line is null || !line.StartsWith(Prefix + " ", StringComparison.Ordinal))
        {
            return null;
        }
        var parts = line[(Prefix.Length + 1)..].Split(' ', 3);
        if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int index))
        {
            return null;
        }
        return parts[0] switch
        {
            "done" => (index, null),
            "failed" => (index, parts.Length > 2 ? parts[2] : "failed"),
            _ => null,
        };
    }
}
