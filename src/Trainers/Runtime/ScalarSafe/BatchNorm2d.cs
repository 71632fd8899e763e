using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Runtime.ScalarSafe;

/// <summary>BatchNorm2d (inputs [N, C, H, W]) without implicit Scalars; see <see cref="BatchNorm"/>.</summary>
public sealed class BatchNorm2d : BatchNorm
{
    /// <param name="features">Channels normalised (C).</param>
    /// <param name="eps">Added to the variance.</param>
    /// <param name="momentum">Weight of the current batch in the running statistics.</param>
    public BatchNorm2d(long features, double eps = 1e-5, double momentum = 0.1)
        : base(features, eps, momentum, nameof(BatchNorm2d))
    {
    }

    /// <inheritdoc/>
    protected override void ValidateInputDimensions(Tensor input)
    {
        if (input.ndim != 4)
        {
            throw new ArgumentException($"expected 4D input, but got {input.ndim}D input.");
        }
    }
}
