using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace QGan.MLNet.Quantum.Style;

/// <summary>
/// Fork-join over the samples of one batch call: the calling thread and up to N - 1 helpers take the next sample
/// from a shared counter, each with its own per-thread state (rented once per thread, not per sample). Helpers are
/// thread-pool work items that, after finishing a call, keep looking for the next call for <see cref="Linger"/>
/// (yielding the CPU between looks) before they go back to the pool.
/// </summary>
/// <remarks>
/// Why helpers linger: a pool thread that goes to sleep between two back-to-back calls has to be woken for the
/// next one, and on a virtual machine whose idle virtual CPU is halted that takes time. OpenMP runtimes spin for the
/// same reason (KMP_BLOCKTIME, 200 ms by default); the linger here is short so that other work between calls (the
/// critic's TorchSharp steps during training) is hardly disturbed. Measured on the 2-vCPU machine with the forward
/// pass (n = 12, L = 8, batch 256): the linger saves about 1 % per call (12.0 ms without, 11.9 ms with). An earlier
/// estimate of 10-15 % was confounded with the prefetcher interference that <see cref="Kernels.AlignedBuffer{T}"/> now
/// prevents.
/// </remarks>
internal sealed class SampleWorkerCrew<TState>(Func<TState> rent, Action<TState> giveBack, TimeSpan linger)
    where TState : class
{
    private Call? _current;
    private long _lastCallId;
    private int _helpersAlive;

    /// <summary>How long an idle helper keeps looking for the next call before it returns to the pool.</summary>
    public TimeSpan Linger { get; } = linger;

    /// <summary>
    /// Runs <paramref name="body"/> for samples first..first+count-1 on up to <paramref name="threads"/> threads and
    /// returns after every helper has left the call (bodies may use pointers into buffers the caller keeps pinned).
    /// One failure is rethrown as it was; several come as an <see cref="AggregateException"/>.
    /// </summary>
    public void Run(int first, int count, int threads, Action<TState, int> body)
    {
        var call = new Call(Interlocked.Increment(ref _lastCallId), first, first + count, threads - 1, body);
        if (threads > 1)
        {
            // Exchange, not a plain write: a full fence before reading the helper count (see HelperLoop's exit).
            Interlocked.Exchange(ref _current, call);
            int missing = threads - 1 - Volatile.Read(ref _helpersAlive);
            for (int i = 0; i < missing; i++)
            {
                Interlocked.Increment(ref _helpersAlive);
                ThreadPool.UnsafeQueueUserWorkItem(static crew => crew.HelperLoop(), this, preferLocal: false);
            }
        }
        var state = rent();
        try
        {
            call.Work(state);
        }
        finally
        {
            giveBack(state);
            call.Close();
            Interlocked.CompareExchange(ref _current, null, call);
        }
        call.ThrowIfFailed();
    }

    private void HelperLoop()
    {
        TState? state = null;
        try
        {
            long seen = 0;
            long idleSince = Stopwatch.GetTimestamp();
            while (true)
            {
                var call = Volatile.Read(ref _current);
                if (call is not null && call.Id > seen)
                {
                    seen = call.Id;
                    if (state is null)
                    {
                        try
                        {
                            state = rent();
                        }
                        catch
                        {
                            // No state, no help: the caller finishes the call itself. Nothing may escape a pool item.
                            Interlocked.Decrement(ref _helpersAlive);
                            return;
                        }
                    }
                    if (call.TryJoin())
                    {
                        try
                        {
                            call.Work(state); // collects the body's exceptions for the caller
                        }
                        finally
                        {
                            call.Leave();
                        }
                    }
                    idleSince = Stopwatch.GetTimestamp();
                    continue;
                }
                if (Stopwatch.GetElapsedTime(idleSince) >= Linger)
                {
                    // A call published right now may have counted on this helper: after leaving the count, look
                    // once more (Run publishes, then reads the count; at least one of the two sees the other).
                    Interlocked.Decrement(ref _helpersAlive);
                    var late = Volatile.Read(ref _current);
                    if (late is null || late.Id <= seen)
                    {
                        break;
                    }
                    Interlocked.Increment(ref _helpersAlive);
                    continue;
                }
                Thread.Yield(); // keeps this CPU awake but lets any other runnable thread have it
            }
        }
        finally
        {
            if (state is not null)
            {
                giveBack(state);
            }
        }
    }

    /// <summary>One batch call: its sample counter, the helpers inside it and the failures it collected.</summary>
    private sealed class Call(long id, int first, int end, int maxHelpers, Action<TState, int> body)
    {
        private int _next = first - 1;
        private int _joined;
        private int _closed;
        private ConcurrentQueue<ExceptionDispatchInfo>? _failures;

        public long Id { get; } = id;

        public void Work(TState state)
        {
            try
            {
                int s;
                while ((s = Interlocked.Increment(ref _next)) < end)
                {
                    body(state, s);
                }
            }
            catch (Exception ex)
            {
                Volatile.Write(ref _next, end); // the others stop at their next sample
                LazyInitializer.EnsureInitialized(ref _failures).Enqueue(ExceptionDispatchInfo.Capture(ex));
            }
        }

        /// <summary>Enters the call unless it is full or the caller has closed it (the increment and the read below
        /// pair with the exchange and the read in <see cref="Close"/>: at least one side sees the other).</summary>
        public bool TryJoin()
        {
            // At most maxHelpers at a time: a helper that was about to leave the crew can meet a freshly started one.
            if (Interlocked.Increment(ref _joined) <= maxHelpers && Volatile.Read(ref _closed) == 0)
            {
                return true;
            }
            Leave();
            return false;
        }

        public void Leave() => Interlocked.Decrement(ref _joined);

        /// <summary>Bars helpers from joining and waits (at most one sample) for those inside to leave.</summary>
        public void Close()
        {
            Interlocked.Exchange(ref _closed, 1);
            var spin = new SpinWait();
            while (Volatile.Read(ref _joined) != 0)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }
        }

        public void ThrowIfFailed()
        {
            var failures = Volatile.Read(ref _failures);
            if (failures is null || failures.IsEmpty)
            {
                return;
            }
            if (failures.Count == 1 && failures.TryPeek(out var only))
            {
                only.Throw();
            }
            throw new AggregateException(failures.Select(f => f.SourceException));
        }
    }
}
