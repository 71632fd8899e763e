using TorchSharp;
using TorchSharp.Modules;
using Parameter = TorchSharp.Modules.Parameter;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Runtime.ScalarSafe;

/// <summary>
/// <c>torch.optim.Adam</c> whose step holds every Scalar it passes to native code until that call has returned.
/// TorchSharp 0.107's <c>Adam.step</c> converts its coefficients (beta1, 1 - beta1, eps, -lr / bias correction, ...)
/// to Scalars implicitly; nothing references such a temporary once its handle has been read, so a garbage collection
/// started by another thread during the native call can finalize it and free the c10::Scalar that libtorch is about
/// to read ("Unknown scalar type", "INTERNAL ASSERT FAILED at c10/core/Scalar.h"). Same update, same state and same
/// saved state format as TorchSharp's Adam (the class has the same name because TorchSharp writes and checks it in the
/// saved state, so checkpoints load either way): the parameters are bit for bit those it produces.
/// </summary>
public sealed class Adam : TorchSharp.Modules.Adam
{
    /// <param name="parameters">Parameters to optimise.</param>
    /// <param name="lr">Learning rate.</param>
    /// <param name="beta1">Decay of the first moment.</param>
    /// <param name="beta2">Decay of the second moment.</param>
    /// <param name="eps">Added to the denominator.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient.</param>
    /// <param name="amsgrad">Divide by the running maximum of the second moment.</param>
    /// <param name="maximize">Ascend instead of descend.</param>
    public Adam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0, bool amsgrad = false, bool maximize = false)
        : base(parameters, lr, beta1, beta2, eps, weightDecay, amsgrad, maximize)
    {
    }

    /// <inheritdoc/>
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        using var update = new AdamUpdate(options.beta1!.Value, options.beta2!.Value, options.eps!.Value);
        var weightDecay = options.weight_decay!.Value;
        using var decay = weightDecay.ToScalar();
        foreach (var param in group.Parameters)
        {
            var state = (State)_state[param.Handle];
            var grad = param.grad;
            if (grad is null)
            {
                continue;
            }
            if (options.maximize!.Value)
            {
                grad = grad.neg();
            }
            state.step += 1;
            if (weightDecay != 0)
            {
                grad = grad.add(param, decay);
            }
            update.UpdateMoments(grad, grad.conj(), state.exp_avg, state.exp_avg_sq);
            update.Step(param, state.exp_avg, RunningMaximum(state), state.step, options.LearningRate!.Value);
        }
    }, closure)!;

    /// <summary>The second moment the step divides by: v, or for AMSGrad max(previous maximum, v) kept in the state.</summary>
    private static Tensor RunningMaximum(State state)
    {
        if (state.max_exp_avg_sq is not { } previous)
        {
            return state.exp_avg_sq;
        }
        state.max_exp_avg_sq = torch.maximum(previous, state.exp_avg_sq).DetachFromDisposeScope();
        previous.Dispose();
        return state.max_exp_avg_sq;
    }
}
