using QGan.MLNet.Quantum.Style;

namespace QGan.MLNet.Quantum.Tests.Style;

/// <summary>A random style circuit instance: weights and biases in [-pi, pi], noise in [-1, 1] (tanh-like latents).</summary>
internal sealed record RandomStyleInstance(StyleArchitecture Architecture, double[] Weights, double[] Biases, double[] Noise, double[] OutputGradients)
{
    public int Batch => Noise.Length / Architecture.LatentDim;

    public static RandomStyleInstance Create(int qubits, int layers, int latentDim, int batch, int seed, Readout readout = Readout.ZX)
    {
        var arch = new StyleArchitecture(qubits, layers, latentDim, readout);
        var rng = new Random(seed);
        double[] Uniform(int count, double scale) => Enumerable.Range(0, count).Select(_ => scale * (2 * rng.NextDouble() - 1)).ToArray();
        return new RandomStyleInstance(arch,
            Uniform(arch.EncodedGateCount, Math.PI),
            Uniform(arch.EncodedGateCount, Math.PI),
            Uniform(batch * latentDim, 1),
            Uniform(batch * arch.OutputCount, 1));
    }

    public double[] NoiseRow(int b) => Noise.AsSpan(b * Architecture.LatentDim, Architecture.LatentDim).ToArray();
}
