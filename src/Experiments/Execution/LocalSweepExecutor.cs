using System.Diagnostics;
using System.Globalization;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Experiments.Execution;

/// <summary>
/// Runs the unfinished runs of a sweep in at most <c>workers</c> concurrent <c>qgan sweep work</c> child processes, each
/// training several runs in one process (<see cref="SweepWorker"/>): this executor hands every idle worker the next run,
/// costliest first (deep quantum circuits, then wide networks), so the last runs finish together. Finished runs
/// (result.json) are skipped; a run that fails is left unfinished (retried by the next sweep) and counted as failed:
/// the worker records the cause in the run's crash.json, and when the worker itself died (a native abort, a kill)
/// this executor records how, and replaces the worker. Children watch this process and stop if it dies.
/// </summary>
/// <param name="layout">The prepared sweep directory (<see cref="SweepDirectory.Prepare"/>).</param>
/// <param name="config">The sweep.</param>
/// <param name="workers">Concurrent worker processes.</param>
/// <param name="threadsPerWorker">Threads per worker (libtorch and the quantum simulator).</param>
/// <param name="worker">How to start qgan (default: the running qgan, <see cref="WorkerCommand.Current"/>).</param>
public sealed class LocalSweepExecutor(SweepLayout layout, SweepConfig config, int workers, int threadsPerWorker, WorkerCommand? worker = null)
{
    /// <summary>Runs skipped (already finished), run successfully, and failed with their error.</summary>
    public sealed record Outcome(int Skipped, int Succeeded, IReadOnlyList<(int Index, string Error)> Failures);

    private readonly WorkerCommand _worker = worker ?? WorkerCommand.Current();

    /// <summary>The unfinished runs in the order they are handed out: estimated cost descending, then index.</summary>
    public static IReadOnlyList<int> Schedule(SweepConfig config, SweepLayout layout)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(layout);
        return config.Runs().Where(r => !layout.IsFinished(r.Index))
            .OrderByDescending(r => RelativeCost(r)).ThenBy(r => r.Index).Select(r => r.Index).ToList();
    }

    /// <summary>A rough relative cost for the order only: a quantum layer simulates ~10x the work of a classical width unit.</summary>
    private static double RelativeCost(SweepRunSpec run) =>
        (run.Generator.Layers is int l ? 10.0 * l : Math.Log2(1 + run.Generator.Width ?? 1)) * Math.Log2(2 + run.CriticWidth);

    /// <param name="onChange">Called (on the calling thread) with (done, running, failed, total) after every change.</param>
    public Outcome Run(Action<int, int, int, int> onChange, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        var pending = new Queue<int>(Schedule(config, layout));
        int total = config.RunCount;
        int skipped = total - pending.Count, succeeded = 0;
        var failures = new List<(int, string)>();
        var events = new System.Collections.Concurrent.BlockingCollection<WorkerEvent>();
        var pool = new List<WorkerProcess>();
        try
        {
            onChange(skipped, 0, 0, total);
            while (pending.Count > 0 || pool.Any(w => w.Current is not null))
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Idle workers get the next run; new workers start while there is work and room.
                foreach (var idle in pool.Where(w => w.Current is null && !w.Exited).ToList())
                {
                    if (pending.Count == 0)
                    {
                        break;
                    }
                    int next = pending.Dequeue();
                    if (!idle.Assign(next))
                    {
                        pending.Enqueue(next); // the worker is exiting; its exit event follows
                    }
                }
                while (pending.Count > 0 && pool.Count(w => !w.Exited) < workers)
                {
                    var started = WorkerProcess.Start(_worker, layout, threadsPerWorker, events);
                    pool.Add(started);
                    int next = pending.Dequeue();
                    if (!started.Assign(next))
                    {
                        pending.Enqueue(next);
                    }
                }
                onChange(skipped + succeeded, pool.Count(w => w.Current is not null), failures.Count, total);
                if (!events.TryTake(out var e, 200, cancellationToken))
                {
                    continue;
                }
                if (e.Exited)
                {
                    // A worker died (or ended): its current run, if any, did not finish.
                    if (e.Worker.Current is int lost)
                    {
                        failures.Add((lost, $"worker exited with code {e.Worker.ExitCode}: {Tail(e.Worker.StdErr)}"));
                        RecordDeadWorker(lost, e.Worker.ExitCode, e.Worker.StdErr, e.Worker.CurrentStartedUtc);
                        e.Worker.Current = null;
                    }
                    pool.Remove(e.Worker);
                    e.Worker.Dispose();
                    continue;
                }
                e.Worker.Current = null;
                if (e.Error is null && layout.IsFinished(e.Index))
                {
                    succeeded++;
                }
                else
                {
                    failures.Add((e.Index, e.Error ?? "no result.json was written (see log.txt)"));
                }
            }
            onChange(skipped + succeeded, 0, failures.Count, total);
        }
        finally
        {
            foreach (var w in pool)
            {
                w.Stop();
                w.Dispose();
            }
        }
        return new Outcome(skipped, succeeded, failures);
    }

    /// <summary>
    /// A worker that died during a run without writing crash.json for this attempt (killed, or a native crash that took
    /// the process down): record its exit code and the last line it wrote to stderr.
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

    private static string Tail(string text)
    {
        var t = text.Trim();
        return t.Length == 0 ? "see log.txt" : t.Length > 2000 ? "..." + t[^2000..] : t;
    }

    private sealed record WorkerEvent(WorkerProcess Worker, int Index, string? Error, bool Exited);

    /// <summary>One <c>qgan sweep work</c> child: runs are written to its input, protocol lines come back as events.</summary>
    private sealed class WorkerProcess : IDisposable
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _stderr = new();

        private WorkerProcess(Process process) => _process = process;

        private int? _current;

        /// <summary>The run the worker is training (null when idle).</summary>
        public int? Current
        {
            get => _current;
            set
            {
                _current = value;
                CurrentStartedUtc = DateTime.UtcNow;
            }
        }

        /// <summary>When <see cref="Current"/> was assigned (the start of the run's attempt).</summary>
        public DateTime CurrentStartedUtc { get; private set; }

        public bool Exited { get; private set; }

        public int ExitCode => _process.HasExited ? _process.ExitCode : -1;

        public string StdErr
        {
            get
            {
                lock (_stderr)
                {
                    return _stderr.ToString();
                }
            }
        }

        public static WorkerProcess Start(WorkerCommand command, SweepLayout layout, int threads, System.Collections.Concurrent.BlockingCollection<WorkerEvent> events)
        {
            var info = command.StartInfo(
            [
                "sweep", "work", "--config", layout.ConfigPath, "--out", layout.Directory,
                "--threads", threads.ToString(CultureInfo.InvariantCulture),
                "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            ]);
            info.RedirectStandardInput = true;
            var process = Process.Start(info) ?? throw new InvalidOperationException("could not start a worker process");
            var worker = new WorkerProcess(process);
            var reader = new Thread(() =>
            {
                while (process.StandardOutput.ReadLine() is { } line)
                {
                    if (SweepWorker.Parse(line) is { } message)
                    {
                        events.Add(new WorkerEvent(worker, message.Index, message.Error, false));
                    }
                }
                process.WaitForExit();
                worker.Exited = true;
                events.Add(new WorkerEvent(worker, -1, null, true));
            })
            { IsBackground = true, Name = "sweep-worker-stdout" };
            var errors = new Thread(() =>
            {
                while (process.StandardError.ReadLine() is { } line)
                {
                    lock (worker._stderr)
                    {
                        worker._stderr.AppendLine(line);
                    }
                }
            })
            { IsBackground = true, Name = "sweep-worker-stderr" };
            reader.Start();
            errors.Start();
            return worker;
        }

        /// <summary>Sends run <paramref name="index"/>; false when the worker has already gone (its input is closed).</summary>
        public bool Assign(int index)
        {
            try
            {
                _process.StandardInput.WriteLine(index.ToString(CultureInfo.InvariantCulture));
                _process.StandardInput.Flush();
                Current = index;
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }

        /// <summary>Ends the worker: its input closes (it exits after the current run), or it is killed when a run is still going.</summary>
        public void Stop()
        {
            try
            {
                if (_process.HasExited)
                {
                    return;
                }
                if (Current is null)
                {
                    _process.StandardInput.Close();
                    if (_process.WaitForExit(10_000))
                    {
                        return;
                    }
                }
                // Only on cancellation or an error here: stop the child this executor started.
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
            catch (IOException)
            {
            }
        }

        public void Dispose() => _process.Dispose();
    }
}
