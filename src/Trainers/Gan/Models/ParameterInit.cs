using QGan.MLNet.Trainers.Runtime.ScalarSafe;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Gan.Models;

/// <summary>
/// Initialisation from a private <see cref="torch.Generator"/>, so a seeded run does not depend on torch's global
/// generator (which other code in the process, e.g. a model built on another thread, may draw from at any time).
/// </summary>
internal static class ParameterInit
{
    /// <summary>Uniform in [-bound, bound]: (U[0, 1) * 2 - 1) * bound, every temporary and Scalar held until its call returns.</summary>
    public static Tensor Uniform(long[] shape, double bound, ScalarType dtype, torch.Generator? generator)
    {
        using var unit = torch.rand(shape, dtype: dtype, generator: generator);
        using var doubled = unit.mul(HeldScalars.Two);
        using var centred = doubled.sub(HeldScalars.One);
        using var scale = bound.ToScalar();
        return centred.mul(scale);
    }

    /// <summary>
    /// PyTorch's default <c>nn.Linear</c> distribution, U(-1/sqrt(in), 1/sqrt(in)) for weight and bias
    /// (kaiming_uniform with a = sqrt(5) gives the same bound for the weight), drawn from <paramref name="generator"/>.
    /// </summary>
    public static void Reset(Linear layer, torch.Generator generator)
    {
        double bound = 1.0 / Math.Sqrt(layer.in_features);
        using var noGrad = torch.no_grad();
        using var w = Uniform(layer.weight!.shape, bound, layer.weight.dtype, generator);
        layer.weight.copy_(w);
        if (layer.bias is not null)
        {
            using var b = Uniform(layer.bias.shape, bound, layer.bias.dtype, generator);
            layer.bias.copy_(b);
        }
    }
}
