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

    private readonly List<(string Name, OnnxValue Value)> _extraOutputs = [];

    /// <summary>Intermediate values published as additional graph outputs, in the order they were added.</summary>
    internal IReadOnlyList<(string Name, OnnxValue Value)> ExtraOutputs => _extraOutputs;

    /// <summary>
    /// Publishes <paramref name="value"/> as an additional graph output named <paramref name="name"/> (besides the
    /// module's final output), e.g. an intermediate feature map. Its batch dimension stays dynamic.
    /// </summary>
    public void AddOutput(string name, OnnxValue value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        if (_extraOutputs.Any(o => o.Name == name))
        {
            throw new ArgumentException($"The graph output '{name}' is added twice.", nameof(name));
        }
        _extraOutputs.Add((name, value));
    }

    /// <summary>
    /// Concatenates <paramref name="values"/> along <paramref name="axis"/> (a Concat node); every other dimension
    /// must agree.
    /// </summary>
    public OnnxValue Concat(string path, IReadOnlyList<OnnxValue> values, int axis)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("Nothing to concatenate.", nameof(values));
        }
        var first = values[0];
        if (axis < 1 || axis >= first.Rank)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), $"{path}: cannot concatenate {first} along axis {axis} (the batch axis 0 stays whole).");
        }
        foreach (var value in values)
        {
            if (value.Rank != first.Rank || Enumerable.Range(0, first.Rank).Any(d => d != axis && value.Shape[d] != first.Shape[d]))
            {
                throw new UnsupportedModuleException(path, typeof(OnnxExportContext),
                    $"concatenates {string.Join(", ", values)} along axis {axis}, but their other dimensions differ.");
            }
        }
        if (values.Count == 1)
        {
            return first;
        }
        var shape = (long[])first.Shape.Clone();
        shape[axis] = values.Sum(v => v.Shape[axis]);
        var output = Builder.AddNode("Concat", path, values.Select(v => v.Name), OnnxAttributes.Int("axis", axis));
        return new OnnxValue(output, shape);
    }

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
