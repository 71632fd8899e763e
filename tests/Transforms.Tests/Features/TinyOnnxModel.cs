using System.Text;

namespace QGan.MLNet.Transforms.Tests.Features;

/// <summary>
/// Writes minimal ONNX models (protobuf encoded by hand) for signature tests: a single Identity or Add node
/// with chosen tensor names, element types and shapes. Dimension -1 becomes the symbolic dimension "N".
/// </summary>
internal static class TinyOnnxModel
{
    public const int Float = 1;
    public const int Double = 11;

    public static string WriteIdentity(string directory, string fileName, int[] inputShape, int[] outputShape,
        int elementType = Float, string inputName = "x", string outputName = "y") =>
        WriteUnary("Identity", directory, fileName, inputShape, outputShape, elementType, inputName, outputName);

    /// <summary>A single element-wise operator (e.g. Identity, Sqrt) from x to y.</summary>
    public static string WriteUnary(string op, string directory, string fileName, int[] inputShape, int[] outputShape,
        int elementType = Float, string inputName = "x", string outputName = "y")
    {
        var graph = new ProtoWriter();
        graph.Message(1, Node(op, [inputName], [outputName]));
        graph.String(2, "identity");
        graph.Message(11, ValueInfo(inputName, elementType, inputShape));
        graph.Message(12, ValueInfo(outputName, elementType, outputShape));
        return Write(directory, fileName, graph);
    }

    public static string WriteAdd(string directory, string fileName, int[] shape)
    {
        var graph = new ProtoWriter();
        graph.Message(1, Node("Add", ["a", "b"], ["sum"]));
        graph.String(2, "add");
        graph.Message(11, ValueInfo("a", Float, shape));
        graph.Message(11, ValueInfo("b", Float, shape));
        graph.Message(12, ValueInfo("sum", Float, shape));
        return Write(directory, fileName, graph);
    }

    /// <summary>
    /// A weight-free stand-in with the FID Inception-v3 signature: <c>x [N, 3, 299, 299]</c> to
    /// <c>pool [N, 2048, 1, 1]</c>, every feature being the mean of the sample's input values
    /// (ReduceMean over C, H, W, then Expand).
    /// </summary>
    public static string WriteInceptionLike(string directory, string fileName)
    {
        var graph = new ProtoWriter();
        var reduce = Node("ReduceMean", ["x"], ["m"]);
        var axes = new ProtoWriter();
        axes.String(1, "axes");
        axes.Varint(20, 7); // AttributeProto.INTS
        foreach (var a in new ulong[] { 1, 2, 3 })
        {
            axes.Varint(8, a);
        }
        reduce.Message(5, axes);
        graph.Message(1, reduce);
        graph.Message(1, Node("Expand", ["m", "shape"], ["pool"]));
        graph.String(2, "inception-like");
        var shape = new ProtoWriter();
        shape.Varint(1, 4);  // dims = [4]
        shape.Varint(2, 7);  // INT64
        foreach (var v in new ulong[] { 1, 2048, 1, 1 })
        {
            shape.Varint(7, v);
        }
        shape.String(8, "shape");
        graph.Message(5, shape);
        graph.Message(11, ValueInfo("x", Float, [-1, 3, 299, 299]));
        graph.Message(12, ValueInfo("pool", Float, [-1, 2048, 1, 1]));
        return Write(directory, fileName, graph);
    }

    private static string Write(string directory, string fileName, ProtoWriter graph)
    {
        var opset = new ProtoWriter();
        opset.String(1, "");
        opset.Varint(2, 13);
        var model = new ProtoWriter();
        model.Varint(1, 7); // ir_version
        model.String(2, "qgan-tests");
        model.Message(7, graph);
        model.Message(8, opset);
        var path = Path.Combine(directory, fileName);
        File.WriteAllBytes(path, model.ToArray());
        return path;
    }

    private static ProtoWriter Node(string op, string[] inputs, string[] outputs)
    {
        var node = new ProtoWriter();
        foreach (var i in inputs)
        {
            node.String(1, i);
        }
        foreach (var o in outputs)
        {
            node.String(2, o);
        }
        node.String(4, op);
        return node;
    }

    private static ProtoWriter ValueInfo(string name, int elementType, int[] shape)
    {
        var dims = new ProtoWriter();
        foreach (var d in shape)
        {
            var dim = new ProtoWriter();
            if (d < 0)
            {
                dim.String(2, "N");
            }
            else
            {
                dim.Varint(1, (ulong)d);
            }
            dims.Message(1, dim);
        }
        var tensor = new ProtoWriter();
        tensor.Varint(1, (ulong)elementType);
        tensor.Message(2, dims);
        var type = new ProtoWriter();
        type.Message(1, tensor);
        var info = new ProtoWriter();
        info.String(1, name);
        info.Message(2, type);
        return info;
    }

    private sealed class ProtoWriter
    {
        private readonly MemoryStream _buffer = new();

        public void Varint(int field, ulong value)
        {
            Tag(field, 0);
            WriteVarint(value);
        }

        public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public void Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

        public byte[] ToArray() => _buffer.ToArray();

        private void Bytes(int field, byte[] bytes)
        {
            Tag(field, 2);
            WriteVarint((ulong)bytes.Length);
            _buffer.Write(bytes);
        }

        private void Tag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

        private void WriteVarint(ulong value)
        {
            while (value >= 0x80)
            {
                _buffer.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }
            _buffer.WriteByte((byte)value);
        }
    }
}
