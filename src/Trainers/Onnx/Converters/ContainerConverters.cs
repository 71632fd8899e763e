using QGan.MLNet.Transforms.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Onnx.Converters;

/// <summary>Sequential containers (nested to any depth) and the modules that are the identity at inference.</summary>
internal static class ContainerConverters
{
    public static void Register(OnnxConverterRegistry registry)
    {
        registry.Register<Sequential>(ExportSequential);
        registry.Register<Identity>((_, _, _, input) => input);
        // Dropout is the identity in eval mode, which is the only mode the exporter writes.
        registry.Register<Dropout>((_, _, _, input) => input);
    }

    private static OnnxValue ExportSequential(OnnxExportContext context, nn.Module module, string path, OnnxValue input)
    {
        var value = input;
        foreach (var (name, child) in module.named_children())
        {
            value = context.Export(child, OnnxExportContext.ChildPath(path, name), value);
        }
        return value;
    }
}
