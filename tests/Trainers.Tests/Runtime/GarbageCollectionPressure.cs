namespace QGan.MLNet.Trainers.Tests.Runtime;

/// <summary>
/// Garbage collections and finalizers running back to back on a background thread for as long as the instance
/// lives, on a machine kept busy. In a training process any allocating thread (progress reporting, a parent watch,
/// the thread pool, a second trainer) can start a collection while the training thread is inside a native
/// TorchSharp call, and on a busy machine that thread is often preempted in the middle of the call. A TorchSharp
/// object that the native code still reads but that nothing managed references any more (an implicitly created
/// Scalar, a temporary tensor outside a dispose scope) is then finalized, and its native memory freed, during the
/// call. Here that happens within seconds instead of once in a long sweep.
/// The preemption needs more runnable threads than cores: on an idle machine busy threads make up the difference
/// (one per core not already loaded, from the 1-minute load average); on a loaded machine they would only slow the
/// collector down, so none are started.
/// </summary>
internal sealed class GarbageCollectionPressure : IDisposable
{
    /// <summary>The xunit collection of the tests that use it: they run alone, so the pressure hits only them.</summary>
    public const string Collection = "garbage collection pressure";

    private readonly List<Thread> _threads = [];
    private volatile bool _stop;
    private long _collections;

    public GarbageCollectionPressure()
    {
        _threads.Add(new Thread(Collect) { IsBackground = true, Name = "collector" });
        for (int i = 0; i < IdleCores(); i++)
        {
            _threads.Add(new Thread(Spin) { IsBackground = true, Name = $"busy {i}" });
        }
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>Collections completed so far (tests check that the pressure was real).</summary>
    public long Collections => Interlocked.Read(ref _collections);

    /// <summary>Cores not loaded by other work (all of them where the load average cannot be read).</summary>
    private static int IdleCores()
    {
        const string loadAverage = "/proc/loadavg";
        if (File.Exists(loadAverage) && double.TryParse(File.ReadAllText(loadAverage).Split(' ')[0],
                System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var load))
        {
            return Math.Max(0, Environment.ProcessorCount - (int)Math.Ceiling(load));
        }
        return Environment.ProcessorCount;
    }

    private void Collect()
    {
        while (!_stop)
        {
            // Generation 0 is where the short-lived Scalars and tensors are; collecting only it keeps the pace high.
            GC.Collect(0, GCCollectionMode.Forced, blocking: true);
            GC.WaitForPendingFinalizers();
            Interlocked.Increment(ref _collections);
        }
    }

    private void Spin()
    {
        while (!_stop)
        {
            Thread.SpinWait(1000);
        }
    }

    public void Dispose()
    {
        _stop = true;
        foreach (var thread in _threads)
        {
            thread.Join();
        }
    }
}

/// <summary>Runs the garbage-collection pressure tests alone (no other test class in parallel).</summary>
[CollectionDefinition(GarbageCollectionPressure.Collection, DisableParallelization = true)]
public sealed class GarbageCollectionPressureCollection;
