using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Runtime.ScalarSafe;

/// <summary>
/// <c>torch.optim.AdamW</c> whose step holds every Scalar it passes to native code until that call has returned
/// (see <see cref="Adam"/> for why TorchSharp 0.107's step crashes at random). Same decoupled weight decay,
/// update, state and saved state format (and class name, which TorchSharp checks on loading) as TorchSharp's AdamW:
/// the parameters are bit for bit those it produces.
/// </summary>
public sealed class AdamW : TorchSharp.Modules.AdamW
{
    /// <param name="parameters">Parameters to optimise.</param>
    /// <param name="lr">Learning rate.</param>
    /// <param name="beta1">Decay of the first moment.</param>
    /// <param name="beta2">Decay of the second moment.</param>
    /// <param name="eps">Added to the denominator.</param>
    /// <param name="weightDecay">Decoupled weight decay: parameters shrink by lr * weightDecay each step.</param>
    /// <param name="amsgrad">Divide by the running maximum of the second moment.</param>
    /// <param name="maximize">Ascend instead of descend.</param>
    public AdamW(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0, bool amsgrad = false, bool maximize = false)
        : base(parameters, lr, beta1, beta2, eps, weightDecay, amsgrad, maximize)
    {
    }

    /// <inheritdoc/>
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        using var update = new AdamUpdate(options.beta1!.Value, options.beta2!.Value, options.eps!.Value);
        var learningRate = options.LearningRate!.Value;
        using var shrink = (1 - learningRate * options.weight_decay!.Value).ToScalar();
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
            param.mul_(shrink);
            update.UpdateMoments(grad, grad, state.exp_avg, state.exp_avg_sq);
            update.Step(param, state.exp_avg, RunningMaximum(state), state.step, learningRate);
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
