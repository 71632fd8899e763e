using QGan.MLNet.Transforms.Onnx;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Onnx;

/// <summary>
/// What a converter sees while the exporter walks a module tree: the graph being built and a way to export
/// child modules (so container converters such as Sequential recurse through the same registry).
/// </summary>
public sealed class OnnxExportContext
{
    private readonly OnnxConverterRegistry _registry;

    internal OnnxExportContext(OnnxGraphBuilder builder, OnnxConverterRegistry registry, int opset)
    {
        Builder = builder;
        _registry = registry;
        Opset = opset;
    }

    /// <summary>The graph being built.</summary>
    public OnnxGraphBuilder Builder { get; }

    /// <summary>Opset of the model being written.</summary>
    public int Opset { get; }

    /// <summary>Exports <paramref name="module"/> applied to <paramref name="input"/> and returns its output.</summary>
    public OnnxValue Export(nn.Module module, string path, OnnxValue input)
    {
        var converter = _registry.Find(module.GetType())
            ?? throw new UnsupportedModuleException(path, module.GetType(),
                $"no ONNX converter is registered for this module type (supported: {string.Join(", ", _registry.SupportedTypeNames)}).");
        return converter(this, module, DisplayPath(path), input);
    }

    /// <summary>Path of a child module, the way state-dict keys are written (<c>encoder.3</c>).</summary>
    public static string ChildPath(string parent, string child) => parent.Length == 0 || parent == RootPath ? child : $"{parent}.{child}";

    /// <summary>Shown for the root module in error messages.</summary>
    public const string RootPath = "<root>";

    private static string DisplayPath(string path) => path.Length == 0 ? RootPath : path;
}

/// <summary>
/// Converts one module type: appends the nodes computing <c>module(input)</c> and returns the output value
/// (name and inferred shape). Throw <see cref="UnsupportedModuleException"/> for configurations ONNX cannot express.
/// </summary>
public delegate OnnxValue OnnxModuleConverter(OnnxExportContext context, nn.Module module, string path, OnnxValue input);
