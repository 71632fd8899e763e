using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Runtime.ScalarSafe;

/// <summary>BatchNorm1d (inputs [N, C] or [N, C, L]) without implicit Scalars; see <see cref="BatchNorm"/>.</summary>
public sealed class BatchNorm1d : BatchNorm
{
    /// <param name="features">Features normalised (C).</param>
    /// <param name="eps">Added to the variance.</param>
    /// <param name="momentum">Weight of the current batch in the running statistics.</param>
    public BatchNorm1d(long features, double eps = 1e-5, double momentum = 0.1)
        : base(features, eps, momentum, nameof(BatchNorm1d))
    {
    }

    /// <inheritdoc/>
    protected override void ValidateInputDimensions(Tensor input)
    {
        if (input.ndim != 2 && input.ndim != 3)
        {
            throw new ArgumentException($"expected 2D or 3D input, but got {input.ndim}D input.");
        }
    }
}
