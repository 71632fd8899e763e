namespace QGan.MLNet.Quantum.Style;

/// <summary>
/// Jacobian of one sample's generator outputs, flat row-major: <see cref="Weights"/> and <see cref="Biases"/> are
/// [OutputCount, G] (the bias Jacobian equals the angle Jacobian), <see cref="Noise"/> is [OutputCount, LatentDim].
/// </summary>
public sealed record StyleJacobian(double[] Weights, double[] Biases, double[] Noise);
