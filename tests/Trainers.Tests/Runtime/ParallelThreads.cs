namespace QGan.MLNet.Trainers.Tests.Runtime;

/// <summary>
/// Runs bodies on fresh dedicated threads, each with one libtorch thread (<see cref="SingleTorchThread"/>), and
/// waits for all of them; the first exception is rethrown.
/// </summary>
internal static class ParallelThreads
{
    public static void Run(int count, Action<int> body)
    {
        var errors = new Exception?[count];
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            try
            {
                using var single = new SingleTorchThread();
                body(i);
            }
            catch (Exception ex)
            {
                errors[i] = ex;
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }
        foreach (var thread in threads)
        {
            thread.Join();
        }
        if (errors.FirstOrDefault(e => e is not null) is { } error)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        }
    }
}
