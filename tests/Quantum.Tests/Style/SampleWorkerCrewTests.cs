using QGan.MLNet.Quantum.Style;

namespace QGan.MLNet.Quantum.Tests.Style;

/// <summary>
/// The fork-join crew behind the batched generator: every sample runs exactly once, nothing runs after Run returns
/// (lingering helpers included), failures reach the caller, and concurrent calls on one crew stay separate.
/// </summary>
public sealed class SampleWorkerCrewTests
{
    private static SampleWorkerCrew<object> NewCrew(double lingerMs = 5) =>
        new(() => new object(), _ => { }, TimeSpan.FromMilliseconds(lingerMs));

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 5)]
    [InlineData(2, 50)]
    public void Every_sample_runs_exactly_once_and_nothing_runs_after_Run_returns(int threads, double lingerMs)
    {
        var crew = NewCrew(lingerMs);
        for (int call = 0; call < 20; call++)
        {
            var hits = new int[97];
            int afterReturn = 0;
            bool returned = false;
            crew.Run(3, 90, threads, (_, s) =>
            {
                Thread.SpinWait(200);
                Interlocked.Increment(ref hits[s]);
                if (Volatile.Read(ref returned))
                {
                    Interlocked.Increment(ref afterReturn);
                }
            });
            Volatile.Write(ref returned, true);
            Assert.All(hits[..3], h => Assert.Equal(0, h));
            Assert.All(hits[3..93], h => Assert.Equal(1, h));
            Assert.All(hits[93..], h => Assert.Equal(0, h));
            Thread.Sleep(1);
            Assert.Equal(0, Volatile.Read(ref afterReturn));
        }
    }

    [Fact]
    public void Two_threads_share_the_work()
    {
        var crew = NewCrew(lingerMs: 20);
        var threadIds = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        for (int call = 0; call < 20; call++)
        {
            crew.Run(0, 64, 2, (_, _) =>
            {
                Thread.Sleep(1); // long enough that a helper always arrives before the caller runs out of samples
                threadIds.AddOrUpdate(Environment.CurrentManagedThreadId, 1, (_, n) => n + 1);
            });
        }
        Assert.True(threadIds.Count >= 2, $"samples ran on {threadIds.Count} thread(s)");
    }

    [Fact]
    public void A_single_failure_is_rethrown_as_it_was_and_stops_the_call()
    {
        var crew = NewCrew();
        int ran = 0;
        var ex = Assert.Throws<InvalidOperationException>(() => crew.Run(0, 1000, 2, (_, s) =>
        {
            Interlocked.Increment(ref ran);
            if (s == 10)
            {
                throw new InvalidOperationException("sample 10 failed");
            }
            Thread.SpinWait(2000);
        }));
        Assert.Equal("sample 10 failed", ex.Message);
        Assert.True(Volatile.Read(ref ran) < 1000, $"{ran} samples ran after the failure");
        // The crew stays usable.
        int count = 0;
        crew.Run(0, 50, 2, (_, _) => Interlocked.Increment(ref count));
        Assert.Equal(50, count);
    }

    [Fact]
    public async Task Concurrent_calls_on_one_crew_each_get_all_their_samples()
    {
        var crew = NewCrew();
        var a = new int[200];
        var b = new int[200];
        var first = Task.Run(() => crew.Run(0, 200, 2, (_, s) => { Thread.SpinWait(500); Interlocked.Increment(ref a[s]); }));
        var second = Task.Run(() => crew.Run(0, 200, 2, (_, s) => { Thread.SpinWait(500); Interlocked.Increment(ref b[s]); }));
        await Task.WhenAll(first, second);
        Assert.All(a, h => Assert.Equal(1, h));
        Assert.All(b, h => Assert.Equal(1, h));
    }

    [Fact]
    public void Per_thread_state_is_rented_once_per_thread_and_given_back()
    {
        int rented = 0, returned = 0;
        var crew = new SampleWorkerCrew<object>(
            () => { Interlocked.Increment(ref rented); return new object(); },
            _ => Interlocked.Increment(ref returned),
            TimeSpan.Zero);
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<object, int>(ReferenceEqualityComparer.Instance);
        crew.Run(0, 40, 2, (state, _) => { Thread.SpinWait(1000); seen.TryAdd(state, 0); });
        // The caller's state goes back at the end of Run; a helper's when it leaves the crew (at once with no linger).
        SpinWait.SpinUntil(() => Volatile.Read(ref returned) == Volatile.Read(ref rented), TimeSpan.FromSeconds(5));
        Assert.InRange(rented, 1, 2);
        Assert.Equal(rented, returned);
        Assert.Equal(seen.Count, rented);
    }
}
