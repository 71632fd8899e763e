using TorchSharp;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Gan.Quantum;

/// <summary>
/// Custom autograd node of the style circuit: forward runs the C# simulator, backward its adjoint
/// vector-Jacobian product. Arguments of <c>apply</c>: noise [B, D], weights [G], biases [G], backend.
/// Computation is float64 whatever the tensor dtype; results come back in the dtype of the weights.
/// Second derivatives are not provided (WGAN-GP differentiates the critic only, never through the generator).
/// </summary>
internal sealed class StyleCircuitFunction : autograd.SingleTensorFunction<StyleCircuitFunction>
{
    private const string BackendKey = "backend";

    public override string Name => "StyleCircuit";

    public static Tensor Apply(Tensor noise, Tensor weights, Tensor biases, IStyleCircuitBackend backend) =>
        apply(noise, weights, biases, backend);

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var (noise, weights, biases, backend) = Unpack(vars);
        var arch = backend.Architecture;
        if (noise.dim() != 2 || noise.shape[1] != arch.LatentDim)
        {
            throw new ArgumentException(
                $"noise must have shape [batch, {arch.LatentDim}], got [{string.Join(", ", noise.shape)}]", nameof(vars));
        }
        int batch = checked((int)noise.shape[0]);
        var output = new double[batch * arch.OutputCount];
        backend.Forward(ToDoubles(weights), ToDoubles(biases), ToDoubles(noise), batch, output);
        ctx.save_for_backward([noise, weights, biases]);
        ctx.save_data(BackendKey, backend);
        return torch.tensor(output, [batch, arch.OutputCount], dtype: weights.dtype, device: weights.device);
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        var saved = ctx.get_saved_variables();
        Tensor noise = saved[0], weights = saved[1], biases = saved[2];
        var backend = (IStyleCircuitBackend)ctx.get_data(BackendKey);
        var arch = backend.Architecture;
        int batch = checked((int)noise.shape[0]);
        var gw = new double[arch.EncodedGateCount];
        var gb = new double[arch.EncodedGateCount];
        var gz = new double[batch * arch.LatentDim];
        backend.Backward(ToDoubles(weights), ToDoubles(biases), ToDoubles(noise), batch, ToDoubles(grad_output), gw, gb, gz);
        return
        [
            torch.tensor(gz, [batch, arch.LatentDim], dtype: noise.dtype, device: noise.device),
            torch.tensor(gw, [arch.EncodedGateCount], dtype: weights.dtype, device: weights.device),
            torch.tensor(gb, [arch.EncodedGateCount], dtype: biases.dtype, device: biases.device),
            null!, // the backend is not a tensor
        ];
    }

    private static (Tensor Noise, Tensor Weights, Tensor Biases, IStyleCircuitBackend Backend) Unpack(object[] vars)
    {
        if (vars.Length != 4 || vars[0] is not Tensor noise || vars[1] is not Tensor weights || vars[2] is not Tensor biases
            || vars[3] is not IStyleCircuitBackend backend)
        {
            throw new ArgumentException("StyleCircuit expects (noise, weights, biases, backend)", nameof(vars));
        }
        return (noise, weights, biases, backend);
    }

    internal static double[] ToDoubles(Tensor t)
    {
        // The scope holds the intermediate tensors until the chain has finished (see docs/gan-training.md).
        using var scope = torch.NewDisposeScope();
        return t.detach().to(ScalarType.Float64, torch.CPU).contiguous().data<double>().ToArray();
    }
}
