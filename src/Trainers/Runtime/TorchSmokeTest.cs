using TorchSharp;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Runtime;

/// <summary>
/// Minimal end-to-end check of the native TorchSharp stack: create a tensor, run autograd, read the gradient.
/// A missing or too-old libstdc++ (TorchSharp 0.107 needs GLIBCXX_3.4.32) fails here with a clear message.
/// </summary>
internal static class TorchSmokeTest
{
    public sealed record Result(string LibTorchVersion, float[] Gradient);

    public static Result Run()
    {
        try
        {
            using var scope = NewDisposeScope();
            var x = tensor(new float[] { 1f, 2f, 3f }, requires_grad: true);
            var y = (x * x).sum();
            y.backward();
            var grad = x.grad ?? throw new InvalidOperationException("autograd produced no gradient");
            return new Result(__version__, grad.data<float>().ToArray());
        }
        catch (Exception ex) when (ex is TypeInitializationException or DllNotFoundException or NotSupportedException)
        {
            throw new InvalidOperationException(
                "TorchSharp could not initialise its native library. On Debian 12 run scripts/ensure-native-deps.sh " +
                "as root (it installs libstdc++ from Debian 13 with GLIBCXX_3.4.32). Cause: " + ex.Message, ex);
        }
    }
}
