using QGan.MLNet.Transforms.Onnx.Proto;

namespace QGan.MLNet.Transforms.Onnx;

/// <summary>
/// Thin typed helpers over <see cref="OnnxGraphBuilder"/> for hand-written graphs (the compiled circuit): one method
/// per ONNX operator used, opset 13 signatures (axes of ReduceSum, Unsqueeze, Slice as inputs). Identical int64
/// constants (reshape targets, indices) are stored once.
/// </summary>
/// <param name="builder">The graph the nodes are added to.</param>
/// <param name="scope">Prefix of every node and initializer name (e.g. <c>circuit</c>).</param>
public sealed class OnnxOps(OnnxGraphBuilder builder, string scope)
{
    private readonly Dictionary<string, string> _int64Constants = new(StringComparer.Ordinal);

    /// <summary>The graph the nodes are added to.</summary>
    public OnnxGraphBuilder Builder => builder;

    /// <summary>A float32 constant of shape <paramref name="dims"/>.</summary>
    public string Floats(string hint, long[] dims, float[] values) => builder.AddFloatInitializer($"{scope}.{hint}", dims, values);

    /// <summary>A 0-d float32 constant.</summary>
    public string Scalar(string hint, float value) => Floats(hint, [], [value]);

    /// <summary>A 1-D int64 constant (shapes, axes, indices).</summary>
    public string Int64s(params long[] values) => Int64Constant(values, scalar: false);

    /// <summary>A 0-d int64 constant (a Gather index that removes the gathered axis).</summary>
    public string Int64Scalar(long value) => Int64Constant([value], scalar: true);

    private string Int64Constant(long[] values, bool scalar)
    {
        var key = (scalar ? "s:" : "v:") + string.Join(",", values);
        if (_int64Constants.TryGetValue(key, out var existing))
        {
            return existing;
        }
        var proto = new TensorProto
        {
            Name = builder.UniqueName($"{scope}.const_i64"),
            DataType = (int)TensorProto.Types.DataType.Int64,
        };
        if (!scalar)
        {
            proto.Dims.Add(values.Length);
        }
        proto.Int64Data.AddRange(values);
        builder.Graph.Initializer.Add(proto);
        _int64Constants[key] = proto.Name;
        return proto.Name;
    }

    /// <summary>A node without attributes; returns its output's name.</summary>
    public string Node(string opType, params string[] inputs) => builder.AddNode(opType, scope, inputs);

    /// <summary>A node with attributes; returns its output's name.</summary>
    public string Node(string opType, string[] inputs, params AttributeProto[] attributes) => builder.AddNode(opType, scope, inputs, attributes);

    /// <summary><c>MatMul</c> (numpy semantics: batched over leading axes).</summary>
    public string MatMul(string a, string b) => Node("MatMul", a, b);

    /// <summary>Element-wise product (broadcasting).</summary>
    public string Mul(string a, string b) => Node("Mul", a, b);

    /// <summary>Element-wise sum (broadcasting).</summary>
    public string Add(string a, string b) => Node("Add", a, b);

    /// <summary>Element-wise difference (broadcasting).</summary>
    public string Sub(string a, string b) => Node("Sub", a, b);

    /// <summary>Reshape where 0 copies the input's dimension (used for the dynamic batch) and -1 is inferred.</summary>
    public string Reshape(string x, params long[] shape) => Node("Reshape", x, Int64s(shape));

    /// <summary><c>Transpose</c> with the permutation <paramref name="perm"/>.</summary>
    public string Transpose(string x, params long[] perm) => Node("Transpose", [x], OnnxAttributes.Ints("perm", perm));

    /// <summary><c>Gather</c> of <paramref name="indices"/> along <paramref name="axis"/>.</summary>
    public string Gather(string x, string indices, long axis) => Node("Gather", [x, indices], OnnxAttributes.Int("axis", axis));

    /// <summary><c>Unsqueeze</c> (axes as an input, opset 13).</summary>
    public string Unsqueeze(string x, params long[] axes) => Node("Unsqueeze", x, Int64s(axes));

    /// <summary><c>ReduceSum</c> over <paramref name="axes"/> (axes as an input, opset 13).</summary>
    public string ReduceSum(string x, long[] axes, bool keepDims) =>
        Node("ReduceSum", [x, Int64s(axes)], OnnxAttributes.Int("keepdims", keepDims ? 1 : 0));

    /// <summary><c>Slice</c> of [<paramref name="start"/>, <paramref name="end"/>) along one axis.</summary>
    public string Slice(string x, long start, long end, long axis) => Node("Slice", x, Int64s(start), Int64s(end), Int64s(axis));

    /// <summary><c>Concat</c> along <paramref name="axis"/>.</summary>
    public string Concat(long axis, params string[] inputs) => Node("Concat", inputs, OnnxAttributes.Int("axis", axis));
}
