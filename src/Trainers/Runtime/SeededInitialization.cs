using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Runtime;

/// <summary>
/// PyTorch's default initialisation of Conv, ConvTranspose and Linear layers (kaiming_uniform with a = sqrt(5), i.e.
/// U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weight and bias, fan_in = weight.size(1) times the kernel area) drawn from a
/// private generator instead of torch's process-wide one, so initial weights depend on the seed alone even when other
/// code uses the global RNG concurrently. Other modules (BatchNorm, activations) are left as they are.
/// </summary>
public static class SeededInitialization
{
    /// <summary>Re-draws the parameters of every convolution and linear module, in the order given.</summary>
    public static void ResetDefault(IEnumerable<nn.Module> modules, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(modules);
        ArgumentNullException.ThrowIfNull(generator);
        using var noGrad = no_grad();
        foreach (var module in modules)
        {
            var (weight, bias) = module switch
            {
                Convolution conv => (conv.weight, conv.bias),
                Linear linear => (linear.weight, linear.bias),
                _ => (null, null),
            };
            if (weight is null)
            {
                continue;
            }
            var fanIn = weight.shape.Skip(1).Aggregate(1L, (x, y) => x * y);
            var bound = 1.0 / Math.Sqrt(fanIn);
            // Tensor.uniform_ honours the generator (nn.init.uniform_ ignores it in TorchSharp 0.107).
            weight.uniform_(-bound, bound, generator);
            bias?.uniform_(-bound, bound, generator);
        }
    }
}
