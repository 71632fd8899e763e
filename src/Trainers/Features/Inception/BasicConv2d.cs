using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using ScalarSafe = QGan.MLNet.Trainers.Runtime.ScalarSafe;

namespace QGan.MLNet.Trainers.Features.Inception;

/// <summary>
/// torchvision's <c>BasicConv2d</c>: convolution without bias, BatchNorm with eps = 0.001 (TensorFlow's), ReLU.
/// State-dict keys <c>conv.weight</c> and <c>bn.{weight, bias, running_mean, running_var, num_batches_tracked}</c>.
/// </summary>
public sealed class BasicConv2d : Module<Tensor, Tensor>
{
    /// <summary>BatchNorm epsilon of every Inception-v3 convolution (TensorFlow's default, kept by torchvision).</summary>
    public const double BatchNormEpsilon = 0.001;

    private readonly Conv2d _conv;
    private readonly ScalarSafe.BatchNorm2d _bn;

    /// <summary>Convolution without bias, then batch norm (eps 1e-3), then ReLU.</summary>
    public BasicConv2d(long inChannels, long outChannels, (long, long) kernel, (long, long)? stride = null, (long, long)? padding = null)
        : base(nameof(BasicConv2d))
    {
        _conv = Conv2d(inChannels, outChannels, kernel, stride: stride, padding: padding, bias: false);
        // The scalar-safe BatchNorm: TorchSharp's counts training batches with an implicit Scalar (docs/gan-training.md).
        _bn = new ScalarSafe.BatchNorm2d(outChannels, eps: BatchNormEpsilon);
        register_module("conv", _conv);
        register_module("bn", _bn);
    }

    /// <summary>Square kernel, stride and padding.</summary>
    public BasicConv2d(long inChannels, long outChannels, long kernel, long stride = 1, long padding = 0)
        : this(inChannels, outChannels, (kernel, kernel), (stride, stride), (padding, padding))
    {
    }

    /// <summary>The convolution (no bias).</summary>
    public Conv2d Conv => _conv;

    /// <summary>The batch normalisation after the convolution.</summary>
    public ScalarSafe.BatchNorm2d Norm => _bn;

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var convolved = _conv.forward(input);
        using var normalised = _bn.forward(convolved);
        return functional.relu(normalised);
    }

    /// <summary>
    /// Children are registered explicitly under torchvision's names (the state-dict contract); TorchSharp's default
    /// would also register every module field under its C# name.
    /// </summary>
    protected override void RegisterComponents()
    {
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _conv.Dispose();
            _bn.Dispose();
        }
        base.Dispose(disposing);
    }
}
