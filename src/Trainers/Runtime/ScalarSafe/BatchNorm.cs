using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Runtime.ScalarSafe;

/// <summary>
/// Batch normalisation whose training-mode forward counts batches without an implicit Scalar. TorchSharp 0.107's
/// <c>BatchNorm.forward</c> runs <c>num_batches_tracked.add_(1)</c>, which creates two temporary Scalars that a
/// garbage collection on another thread can finalize during the native call (see <see cref="Adam"/>).
/// Same parameters, buffers, state-dictionary names and results as TorchSharp's BatchNorm1d/BatchNorm2d.
/// </summary>
public abstract class BatchNorm : TorchSharp.Modules.BatchNorm
{
    /// <param name="features">Channels (or features) normalised.</param>
    /// <param name="eps">Added to the variance.</param>
    /// <param name="momentum">Weight of the current batch in the running statistics.</param>
    /// <param name="name">Module name.</param>
    protected BatchNorm(long features, double eps, double momentum, string name)
        : base(features, eps, momentum, affine: true, track_running_stats: true, device: null, dtype: null, name)
    {
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        ValidateInputDimensions(input);
        var averagingFactor = momentum ?? 0.0;
        if (training && track_running_stats && num_batches_tracked is { } count)
        {
            count.add_(HeldScalars.One, HeldScalars.One);
            averagingFactor = momentum ?? 1.0 / count.item<long>();
        }
        var useBatchStatistics = training || (running_mean is null && running_var is null);
        var useRunningStatistics = !training || track_running_stats;
        return nn.functional.batch_norm(input, useRunningStatistics ? running_mean : null, useRunningStatistics ? running_var : null,
            weight, bias, useBatchStatistics, averagingFactor, eps);
    }
}
