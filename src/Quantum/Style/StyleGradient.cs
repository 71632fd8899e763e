namespace QGan.MLNet.Quantum.Style;

/// <summary>
/// Result of <see cref="StyleGenerator.Backward(double[], double[], double[], double[], Gradients.GradientMethod)"/>:
/// the forward outputs [batch, outputs] and dL/d(weights)[G], dL/d(biases)[G] (summed over the batch) and
/// dL/d(noise)[batch, latentDim] (per sample), all flat row-major.
/// </summary>
public sealed record StyleGradient(double[] Outputs, double[] Weights, double[] Biases, double[] Noise);
