using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Gan.Quantum;
using QGan.MLNet.Trainers.Gan.Training;
using TorchSharp;

namespace QGan.MLNet.Trainers.Tests.Hardware;

/// <summary>Small saved generator folders (as <c>qgan train</c> writes them) with seeded, non-trivial weights.</summary>
internal static class SavedGenerators
{
    public static string TempDirectory() => Directory.CreateTempSubdirectory("qgan-hw-").FullName;

    /// <summary>A 3-qubit, 2-layer quantum generator (noise dimension 3, 6 outputs) with weights and biases uniform in [-1.5, 1.5].</summary>
    public static string Quantum(int qubits = 3, int layers = 2, Readout readout = Readout.ZX, long seed = 5)
    {
        torch.manual_seed(seed);
        var arch = new StyleArchitecture(qubits, layers, qubits, readout);
        var module = new QuantumGenerator(arch, initRange: 1.5);
        var manifest = new GeneratorManifest
        {
            Kind = GeneratorKind.Quantum, LatentDimension = arch.OutputCount, NoiseDimension = qubits, Qubits = qubits, Layers = layers,
            Readout = readout, CriticHidden = [8], GeneratorParameterCount = module.ParameterCount, Seed = seed,
        };
        var dir = TempDirectory();
        using var trained = new TrainedGenerator(module, manifest);
        trained.Save(Path.Combine(dir, "generator"));
        return dir;
    }

    public static string Classical()
    {
        torch.manual_seed(3);
        var module = new ClassicalGenerator(3, [8], 6);
        var manifest = new GeneratorManifest
        {
            Kind = GeneratorKind.Classical, LatentDimension = 6, NoiseDimension = 3, GeneratorHidden = [8], CriticHidden = [8],
            GeneratorParameterCount = module.ParameterCount,
        };
        var dir = TempDirectory();
        using var trained = new TrainedGenerator(module, manifest);
        trained.Save(dir);
        return dir;
    }
}

/// <summary>
/// The hardware tests build TorchSharp modules (seeded initialisation draws from libtorch's global generator), so they
/// run on their own, after the parallel tests: other tests rely on that generator for bit-exact training runs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchGlobalStateCollection
{
    public const string Name = "hardware tests (global torch RNG)";
}
