using TorchSharp;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Runtime.ScalarSafe;

/// <summary>
/// The moment update and parameter step shared by <see cref="Adam"/> and <see cref="AdamW"/>:
/// the same tensor operations, in the same order and with the same Scalar types, as TorchSharp 0.107's
/// <c>Adam.step</c> / <c>AdamW.step</c>, but every coefficient is a Scalar that this code holds (in a using
/// declaration) until the native call that reads it has returned.
/// </summary>
internal sealed class AdamUpdate : IDisposable
{
    private readonly Scalar _beta1;
    private readonly Scalar _oneMinusBeta1;
    private readonly Scalar _beta2;
    private readonly Scalar _oneMinusBeta2;
    private readonly Scalar _eps;
    private readonly double _beta1Value;
    private readonly double _beta2Value;

    /// <summary>Coefficients of one parameter group for one step.</summary>
    public AdamUpdate(double beta1, double beta2, double eps)
    {
        _beta1Value = beta1;
        _beta2Value = beta2;
        _beta1 = beta1.ToScalar();
        _oneMinusBeta1 = (1 - beta1).ToScalar();
        _beta2 = beta2.ToScalar();
        _oneMinusBeta2 = (1 - beta2).ToScalar();
        _eps = eps.ToScalar();
    }

    /// <summary>m = beta1 m + (1 - beta1) g; v = beta2 v + (1 - beta2) g conj(g).</summary>
    public void UpdateMoments(Tensor grad, Tensor gradConjugate, Tensor expAvg, Tensor expAvgSq)
    {
        expAvg.mul_(_beta1).add_(grad, _oneMinusBeta1);
        expAvgSq.mul_(_beta2).addcmul_(grad, gradConjugate, _oneMinusBeta2);
    }

    /// <summary>
    /// param -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps), with <paramref name="step"/> = t counting
    /// this step and <paramref name="denominatorMoment"/> = v (or its running maximum for AMSGrad).
    /// </summary>
    public void Step(Tensor param, Tensor expAvg, Tensor denominatorMoment, long step, double learningRate)
    {
        var biasCorrection1 = 1 - Math.Pow(_beta1Value, step);
        var biasCorrection2 = 1 - Math.Pow(_beta2Value, step);
        using var sqrtBiasCorrection2 = Math.Sqrt(biasCorrection2).ToScalar();
        var denominator = denominatorMoment.sqrt().div(sqrtBiasCorrection2).add_(_eps, HeldScalars.One);
        using var negativeStepSize = (-(learningRate / biasCorrection1)).ToScalar();
        param.addcdiv_(expAvg, denominator, negativeStepSize);
    }

    public void Dispose()
    {
        _beta1.Dispose();
        _oneMinusBeta1.Dispose();
        _beta2.Dispose();
        _oneMinusBeta2.Dispose();
        _eps.Dispose();
    }
}
