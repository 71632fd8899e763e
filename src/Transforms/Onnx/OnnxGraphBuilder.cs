using System.Runtime.InteropServices;
using Google.Protobuf;
using QGan.MLNet.Transforms.Onnx.Proto;

namespace QGan.MLNet.Transforms.Onnx;

/// <summary>
/// Accumulates the nodes and initializers of one ONNX graph and hands out unique value names.
/// Initializer names follow the module path (<c>3.weight</c>) so an exported file reads like the state dict.
/// </summary>
public sealed class OnnxGraphBuilder
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    /// <summary>The graph being built.</summary>
    public GraphProto Graph { get; } = new();

    /// <summary>Reserves a fresh value name derived from <paramref name="hint"/>.</summary>
    public string UniqueName(string hint)
    {
        var name = string.IsNullOrEmpty(hint) ? "value" : hint;
        if (_names.Add(name))
        {
            return name;
        }
        for (var i = 1; ; i++)
        {
            var candidate = $"{name}_{i}";
            if (_names.Add(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>Adds a float32 initializer (little-endian raw data) and returns its unique name.</summary>
    /// <param name="nameHint">Preferred name; a numeric suffix is added when it is taken.</param>
    /// <param name="dims">Tensor shape (empty for a scalar).</param>
    /// <param name="values">Row-major values; their count must be the product of <paramref name="dims"/>.</param>
    public string AddFloatInitializer(string nameHint, long[] dims, float[] values)
    {
        var proto = new TensorProto
        {
            Name = UniqueName(nameHint),
            DataType = (int)TensorProto.Types.DataType.Float,
            // raw_data is little-endian IEEE 754 by definition; every supported runtime platform is little-endian.
            RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())),
        };
        proto.Dims.AddRange(dims);
        Graph.Initializer.Add(proto);
        return proto.Name;
    }

    /// <summary>Adds a 1-D int64 initializer (shapes, axes, indices) and returns its unique name.</summary>
    public string AddInt64Initializer(string nameHint, long[] values)
    {
        var proto = new TensorProto
        {
            Name = UniqueName(nameHint),
            DataType = (int)TensorProto.Types.DataType.Int64,
        };
        proto.Dims.Add(values.Length);
        proto.Int64Data.AddRange(values);
        Graph.Initializer.Add(proto);
        return proto.Name;
    }

    /// <summary>Adds a uint64 initializer of shape <paramref name="dims"/> and returns its unique name.</summary>
    public string AddUInt64Initializer(string nameHint, long[] dims, ulong[] values)
    {
        var proto = new TensorProto
        {
            Name = UniqueName(nameHint),
            DataType = (int)TensorProto.Types.DataType.Uint64,
        };
        proto.Dims.AddRange(dims);
        proto.Uint64Data.AddRange(values);
        Graph.Initializer.Add(proto);
        return proto.Name;
    }

    /// <summary>Adds a node with one output and returns the output's value name.</summary>
    public string AddNode(string opType, string nodeName, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        var output = UniqueName(nodeName.Length == 0 ? opType : $"{nodeName}.{opType}");
        var node = new NodeProto { OpType = opType, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return output;
    }

    /// <summary>Renames a value everywhere it appears (used to give the final node the graph's output name).</summary>
    public void Rename(string from, string to)
    {
        foreach (var node in Graph.Node)
        {
            for (var i = 0; i < node.Output.Count; i++)
            {
                if (node.Output[i] == from)
                {
                    node.Output[i] = to;
                }
            }
            for (var i = 0; i < node.Input.Count; i++)
            {
                if (node.Input[i] == from)
                {
                    node.Input[i] = to;
                }
            }
        }
        _names.Add(to);
    }

    /// <summary>Reserves <paramref name="name"/> (a graph input or output) so no node output takes it.</summary>
    /// <exception cref="ArgumentException">The name is already in use.</exception>
    public void Reserve(string name)
    {
        if (!_names.Add(name))
        {
            throw new ArgumentException($"The ONNX value name '{name}' is used twice.");
        }
    }
}
