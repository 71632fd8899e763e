using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Gan.Quantum;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Trainers.Production;
using TorchSharp;

namespace QGan.MLNet.Benchmarks.Production;

/// <summary>
/// Generator folders for the production benchmarks, laid out as <c>qgan train</c> writes them (manifest, weights,
/// the shipped decoder): the paper's quantum generator (12 qubits, 8 layers, ZX readout, noise 12) and a classical
/// MLP (noise 12, hidden 64-64). Freshly initialised: throughput does not depend on the weight values.
/// </summary>
internal static class ProductionSetup
{
    public const int Qubits = 12;
    public const int Layers = 8;
    public const int NoiseDimension = 12;

    public static string CreateGeneratorFolder(string kind)
    {
        var decoderFolder = GeneratorPackage.FindDefaultAutoencoder()
            ?? throw new InvalidOperationException($"{GeneratorPackage.DefaultAutoencoderFolder} not found above {Directory.GetCurrentDirectory()}");
        var directory = Directory.CreateTempSubdirectory($"qgan-bench-{kind}-").FullName;
        torch.manual_seed(1);
        using var generator = kind switch
        {
            "quantum" => Quantum(),
            "classical" => Classical(),
            _ => throw new ArgumentException($"unknown generator kind {kind}"),
        };
        generator.Save(directory);
        File.Copy(Path.Combine(decoderFolder, AutoencoderOnnx.DecoderFileName), Path.Combine(directory, AutoencoderOnnx.DecoderFileName));
        return directory;
    }

    private static TrainedGenerator Quantum()
    {
        var arch = new StyleArchitecture(Qubits, Layers, NoiseDimension, Readout.ZX);
        return new TrainedGenerator(new QuantumGenerator(arch, initRange: 1.0), new GeneratorManifest
        {
            Kind = GeneratorKind.Quantum,
            LatentDimension = arch.OutputCount,
            NoiseDimension = NoiseDimension,
            Qubits = Qubits,
            Layers = Layers,
            Readout = Readout.ZX,
            GeneratorParameterCount = arch.ParameterCount,
            Decoder = AutoencoderOnnx.DecoderFileName,
        });
    }

    private static TrainedGenerator Classical()
    {
        var module = new ClassicalGenerator(NoiseDimension, [64, 64], 24);
        return new TrainedGenerator(module, new GeneratorManifest
        {
            Kind = GeneratorKind.Classical,
            LatentDimension = 24,
            NoiseDimension = NoiseDimension,
            GeneratorHidden = [64, 64],
            GeneratorParameterCount = module.ParameterCount,
            Decoder = AutoencoderOnnx.DecoderFileName,
        });
    }

    public static float[] Noise(int rows)
    {
        var noise = new float[rows * NoiseDimension];
        new SeededRandom(42).FillNormal(noise);
        return noise;
    }
}
