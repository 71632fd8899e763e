using QGan.MLNet.Transforms.Onnx;
using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Gan.Quantum;
using QGan.MLNet.Trainers.Onnx;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Production;

/// <summary>
/// Converters that let <see cref="OnnxModuleExporter"/> export the GAN generators: the classical MLP through its
/// layers (Linear, LeakyReLU, Tanh already have converters), the quantum generator by compiling its circuit with
/// <see cref="StyleCircuitOnnxCompiler"/>; the WGAN critic (an MLP) like the classical generator.
/// </summary>
public static class GeneratorOnnxConverters
{
    /// <summary>Adds the generator converters to <paramref name="registry"/> and returns it.</summary>
    public static OnnxConverterRegistry Register(OnnxConverterRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<ClassicalGenerator>(ExportClassical);
        registry.Register<QuantumGenerator>(ExportQuantum);
        registry.Register<Critic>(ExportClassical);
        return registry;
    }

    /// <summary>The default registry plus the generator converters.</summary>
    public static OnnxConverterRegistry CreateRegistry() => Register(OnnxConverterRegistry.CreateDefault());

    private static OnnxValue ExportClassical(OnnxExportContext context, nn.Module module, string path, OnnxValue input)
    {
        var value = input;
        foreach (var (name, child) in module.named_children())
        {
            value = context.Export(child, OnnxExportContext.ChildPath(path, name), value);
        }
        return value;
    }

    private static OnnxValue ExportQuantum(OnnxExportContext context, nn.Module module, string path, OnnxValue input)
    {
        var generator = (QuantumGenerator)module;
        var prefix = path == OnnxExportContext.RootPath ? "circuit" : OnnxExportContext.ChildPath(path, "circuit");
        return StyleCircuitOnnxCompiler.Emit(context.Builder, prefix, input, generator.Architecture,
            ToFloats(generator.Weights), ToFloats(generator.Biases));
    }

    private static float[] ToFloats(Tensor parameter)
    {
        // The scope holds the intermediate tensors until the chain has finished (see docs/gan-training.md).
        using var scope = NewDisposeScope();
        return parameter.detach().cpu().to(ScalarType.Float32).contiguous().data<float>().ToArray();
    }
}
