using QGan.MLNet.Transforms.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Tests.Shared;
using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Gan.Quantum;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Transforms.Latent;
using TorchSharp;

namespace QGan.MLNet.Trainers.Tests.Production;

/// <summary>Untrained generators with non-trivial weights, the shipped decoder, and an ORT runner for exported models.</summary>
internal static class ProductionModels
{
    public static string DecoderPath => Path.Combine(Fixtures.RepoRoot, "models", "sat4-synthetic", "decoder.onnx");

    public static LatentOnnxModel Decoder() => LatentOnnxModel.Load(DecoderPath, LatentModelKind.Decoder);

    /// <summary>A quantum generator with weights and biases uniform in [-initRange, initRange] (seeded).</summary>
    public static TrainedGenerator Quantum(int qubits, int layers, int noiseDim, Readout readout, double initRange = 1.0, long seed = 7)
    {
        torch.manual_seed(seed);
        var arch = new StyleArchitecture(qubits, layers, noiseDim, readout);
        var module = new QuantumGenerator(arch, initRange);
        var manifest = new GeneratorManifest
        {
            Kind = GeneratorKind.Quantum,
            LatentDimension = arch.OutputCount,
            NoiseDimension = noiseDim,
            Qubits = qubits,
            Layers = layers,
            Readout = readout,
            GeneratorParameterCount = arch.ParameterCount,
            Seed = seed,
        };
        return new TrainedGenerator(module, manifest);
    }

    public static TrainedGenerator Classical(int noiseDim, int[] hidden, int latent, long seed = 7)
    {
        torch.manual_seed(seed);
        var module = new ClassicalGenerator(noiseDim, hidden, latent);
        var manifest = new GeneratorManifest
        {
            Kind = GeneratorKind.Classical,
            LatentDimension = latent,
            NoiseDimension = noiseDim,
            GeneratorHidden = hidden,
            GeneratorParameterCount = module.ParameterCount,
            Seed = seed,
        };
        return new TrainedGenerator(module, manifest);
    }

    public static float[] Noise(int rows, int width, ulong seed = 3)
    {
        var noise = new float[rows * width];
        new SeededRandom(seed).FillNormal(noise);
        return noise;
    }

    /// <summary>Runs a noise-to-image model and returns (latent, image) as flat arrays.</summary>
    public static (float[] Latent, float[] Image, int[] ImageShape) Run(byte[] model, float[] noise, int noiseDim)
    {
        using var session = new InferenceSession(model);
        int rows = noise.Length / noiseDim;
        var input = new DenseTensor<float>(noise, [rows, noiseDim]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("noise", input)]);
        var latent = results.Single(r => r.Name == "latent").AsTensor<float>();
        var image = results.Single(r => r.Name == "image").AsTensor<float>();
        return (latent.ToArray(), image.ToArray(), image.Dimensions.ToArray());
    }

    public static double MaxAbsDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        double max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs((double)a[i] - b[i]));
        }
        return max;
    }
}
