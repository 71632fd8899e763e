using QGan.MLNet.Trainers.Gan.Quantum;
using QGan.MLNet.Trainers.Gan.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Gan.Models;

/// <summary>Builds the generator an options object describes, checking that it produces latents of the right width.</summary>
public static class GeneratorFactory
{
    /// <summary>The generator module <paramref name="options"/> describe for latents of <paramref name="latentWidth"/> values (the quantum readout must produce exactly that many).</summary>
    public static nn.Module<Tensor, Tensor> Create(GanTrainingOptions options, int latentWidth, IStyleCircuitBackend? backend = null, torch.Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Generator == GeneratorKind.Quantum)
        {
            var arch = options.Architecture();
            if (arch.OutputCount != latentWidth)
            {
                // The readout is never padded or projected: that would add classical capacity the comparison must not have.
                throw new ArgumentException(
                    $"the quantum generator with {arch.Qubits} qubits and readout {arch.Readout} produces {arch.OutputCount} values, " +
                    $"but the latent space has {latentWidth} dimensions (e.g. 12 qubits x (Z, X) = 24)");
            }
            return new QuantumGenerator(arch, options.QuantumInitRange, backend ?? new SimdStyleBackend(arch, options.QuantumGradient, maxDegreeOfParallelism: options.Threads, precision: options.QuantumPrecision), generator: generator);
        }
        return new ClassicalGenerator(options.NoiseDimension, options.GeneratorHidden, latentWidth, options.LeakySlope, generator: generator);
    }
}
