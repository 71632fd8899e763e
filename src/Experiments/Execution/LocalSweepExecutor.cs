using System.Diagnostics;
using System.Globalization;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Experiments.Execution;

/// <summary>
/// Runs the unfinished runs of a sweep in at most <c>workers</c> concurrent <c>qgan sweep run-one</c> child
/// processes (the same entry point Slurm array tasks use). Finished runs (result.json) are skipped; a child that
/// fails leaves its run unfinished (retried by the next sweep) and is counted as failed: the child records the cause
/// in the run's crash.json, and when the child itself died (a native abort, a kill) this executor records how.
/// Children watch this process and stop if it dies.
/// </summary>
/// <param name="layout">The prepared sweep directory (<see cref="SweepDirectory.Prepare"/>).</param>
/// <param name="config">The sweep.</param>
/// <param name="workers">Concurrent worker processes.</param>
/// <param name="threadsPerWorker">libtorch threads per worker.</param>
/// <param name="worker">How to start qgan (default: the running qgan, <see cref="WorkerCommand.Current"/>).</param>
public sealed class LocalSweepExecutor(SweepLayout layout, SweepConfig config, int workers, int threadsPerWorker, WorkerCommand? worker = null)
{
    /// <summary>Runs skipped (already finished), run successfully, and failed with their error.</summary>
    public sealed record Outcome(int Skipped, int Succeeded, IReadOnlyList<(int Index, string Error)> Failures);

    private readonly WorkerCommand _worker = worker ?? WorkerCommand.Current();

    /// <param name="onChange">Called (on the calling thread) with (done, running, failed, total) after every change.</param>
    public Outcome Run(Action<int, int, int, int> onChange, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        var pending = new Queue<int>(config.Runs().Select(r => r.Index).Where(i => !layout.IsFinished(i)));
        int total = config.RunCount;
        int skipped = total - pending.Count, succeeded = 0;
        var failures = new List<(int, string)>();
        var running = new Dictionary<Process, (int Index, Task<string> StdErr, DateTime Started)>();
        try
        {
            onChange(skipped, 0, 0, total);
            while (pending.Count > 0 || running.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                while (running.Count < workers && pending.Count > 0)
                {
                    int index = pending.Dequeue();
                    var started = DateTime.UtcNow;
                    var process = Process.Start(_worker.StartInfo(
                    [
                        "sweep", "run-one", "--config", layout.ConfigPath, "--index", index.ToString(CultureInfo.InvariantCulture),
                        "--out", layout.Directory, "--threads", threadsPerWorker.ToString(CultureInfo.InvariantCulture),
                        "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
                    ])) ?? throw new InvalidOperationException("could not start a worker process");
                    _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
                    running[process] = (index, process.StandardError.ReadToEndAsync(cancellationToken), started);
                    onChange(skipped + succeeded, running.Count, failures.Count, total);
                }
                var finished = running.Keys.FirstOrDefault(p => p.HasExited);
                if (finished is null)
                {
                    Thread.Sleep(50);
                    continue;
                }
                var (idx, stderr, startedUtc) = running[finished];
                running.Remove(finished);
                finished.WaitForExit();
                if (finished.ExitCode == 0 && layout.IsFinished(idx))
                {
                    succeeded++;
                }
                else
                {
                    var message = stderr.Result.Trim();
                    failures.Add((idx, $"exit code {finished.ExitCode}: {(message.Length == 0 ? "see log.txt" : message)}"));
                    RecordDeadWorker(idx, finished.ExitCode, message, startedUtc);
                }
                finished.Dispose();
                onChange(skipped + succeeded, running.Count, failures.Count, total);
            }
        }
        finally
        {
            foreach (var p in running.Keys)
            {
                // Only on cancellation or an error here: stop the children this executor started.
                try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                p.Dispose();
            }
        }
        return new Outcome(skipped, succeeded, failures);
    }

    /// <summary>
    /// A worker that failed without writing crash.json for this attempt died before it could (killed, or a native
    /// crash that took the process down): record its exit code and the last line it wrote to stderr.
    /// </summary>
    private void RecordDeadWorker(int index, int exitCode, string stderr, DateTime startedUtc)
    {
        var path = layout.CrashPath(index);
        if (layout.IsFinished(index) || (File.Exists(path) && File.GetLastWriteTimeUtc(path) >= startedUtc))
        {
            return;
        }
        var lastLine = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        var signal = exitCode > 128 && exitCode < 160 ? $" (signal {exitCode - 128})" : "";
        var error = $"worker process exited with code {exitCode}{signal}{(lastLine is null ? "" : ": " + lastLine)}";
        Directory.CreateDirectory(layout.RunDirectory(index));
        new SweepRunCrash
        {
            Index = index,
            Error = error.Length <= 500 ? error : error[..497] + "...",
            WallSeconds = Math.Round((DateTime.UtcNow - startedUtc).TotalSeconds, 3),
            CrashedUtc = DateTime.UtcNow,
        }.Save(path);
    }
}
