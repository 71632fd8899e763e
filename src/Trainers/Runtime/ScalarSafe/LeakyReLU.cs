using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Runtime.ScalarSafe;

/// <summary>
/// LeakyReLU that owns its negative slope as a <see cref="Scalar"/> for its whole lifetime. TorchSharp 0.107's
/// <c>nn.LeakyReLU</c> converts the slope to a temporary Scalar on every forward call, which a garbage collection on
/// another thread can finalize while libtorch still reads it (see <see cref="Adam"/>). Computes exactly
/// what <c>nn.LeakyReLU(negativeSlope)</c> computes; the ONNX exporter writes it as LeakyRelu.
/// </summary>
public sealed class LeakyReLU : ParameterLessModule<Tensor, Tensor>
{
    private readonly Scalar _negativeSlope;

    /// <param name="negativeSlope">Slope for negative inputs.</param>
    public LeakyReLU(double negativeSlope) : base(nameof(LeakyReLU))
    {
        NegativeSlope = negativeSlope;
        _negativeSlope = negativeSlope.ToScalar();
    }

    /// <summary>Slope for negative inputs.</summary>
    public double NegativeSlope { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        var output = input.leaky_relu(_negativeSlope);
        // The module may be unreachable once the call has started (a temporary module); the slope must not be.
        GC.KeepAlive(_negativeSlope);
        return output;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _negativeSlope.Dispose();
        }
        base.Dispose(disposing);
    }
}
