using TorchSharp;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Gan.Evaluation;

/// <summary>
/// Fréchet distance between Gaussians fitted to two samples, in float64:
/// |mu_a - mu_b|^2 + tr(S_a) + tr(S_b) - 2 tr sqrt(S_a^{1/2} S_b S_a^{1/2}).
/// The symmetric form needs only symmetric eigendecompositions (no general sqrtm), so it stays real and stable.
/// </summary>
/// <remarks>Latent-space adapter for the trainer's metrics hook; the project's FID evaluator computes the same quantity.</remarks>
public static class FrechetDistance
{
    public static double Compute(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width)
    {
        if (width < 1 || a.Length % width != 0 || b.Length % width != 0)
        {
            throw new ArgumentException($"samples of {a.Length} and {b.Length} values do not form rows of width {width}");
        }
        if (a.Length / width < 2 || b.Length / width < 2)
        {
            throw new ArgumentException("the Fréchet distance needs at least 2 rows per sample (for a covariance)");
        }
        using var scope = torch.NewDisposeScope();
        var x = ToTensor(a, width);
        var y = ToTensor(b, width);
        var (muX, covX) = Moments(x);
        var (muY, covY) = Moments(y);
        var sqrtX = SymmetricSqrt(covX);
        var middle = sqrtX.matmul(covY).matmul(sqrtX);
        middle = (middle + middle.T) / 2;
        var traceSqrt = linalg.eigvalsh(middle).clamp_min(0).sqrt().sum();
        var d = (muX - muY).square().sum() + covX.trace() + covY.trace() - 2 * traceSqrt;
        return Math.Max(0.0, d.item<double>());
    }

    private static Tensor ToTensor(ReadOnlySpan<float> values, int width)
    {
        var data = new double[values.Length];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = values[i];
        }
        return torch.tensor(data, [values.Length / width, width], dtype: ScalarType.Float64);
    }

    private static (Tensor Mean, Tensor Covariance) Moments(Tensor x)
    {
        var mean = x.mean([0]);
        var centred = x - mean;
        var cov = centred.T.matmul(centred) / (x.shape[0] - 1);
        return (mean, cov);
    }

    private static Tensor SymmetricSqrt(Tensor s)
    {
        var (values, vectors) = linalg.eigh(s);
        return vectors.matmul(torch.diag(values.clamp_min(0).sqrt())).matmul(vectors.T);
    }
}
