using TorchSharp;

namespace QGan.MLNet.Trainers.Tests.Runtime;

/// <summary>
/// One libtorch intra-op thread while it lives, then the previous count again. Under load libtorch's worker threads
/// mostly wait for each other; one thread keeps the tests short. The count applies to the calling thread only (OpenMP
/// keeps one per thread), and results that go through BLAS depend on it: every thread that trains sets its own.
/// </summary>
internal sealed class SingleTorchThread : IDisposable
{
    private readonly int _previous = torch.get_num_threads();

    public SingleTorchThread() => torch.set_num_threads(1);

    public void Dispose() => torch.set_num_threads(_previous);
}
