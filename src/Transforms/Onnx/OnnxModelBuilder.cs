using QGan.MLNet.Transforms.Onnx.Proto;

namespace QGan.MLNet.Transforms.Onnx;

/// <summary>Wraps a built graph into a model: typed inputs and outputs with a symbolic batch dimension, opset, IR version.</summary>
public static class OnnxModelBuilder
{
    /// <summary>Opset of the default domain the project writes.</summary>
    public const int Opset = 17;

    /// <summary>IR version 8 goes with opsets 17 and 18.</summary>
    public const long IrVersion = 8;

    /// <summary>A float tensor of shape <c>[N, .. perRow]</c> (N symbolic).</summary>
    public static ValueInfoProto FloatTensor(string name, IEnumerable<long> perRow, string batch = "N") =>
        Tensor(name, TensorProto.Types.DataType.Float, perRow, batch);

    /// <summary>A tensor of element type <paramref name="type"/> and shape <c>[N, .. perRow]</c> (N symbolic).</summary>
    public static ValueInfoProto Tensor(string name, TensorProto.Types.DataType type, IEnumerable<long> perRow, string batch = "N")
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = batch });
        foreach (var d in perRow)
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
    }

    /// <summary>The model of <paramref name="builder"/>'s graph with the given inputs and outputs.</summary>
    public static ModelProto Create(OnnxGraphBuilder builder, string graphName, IEnumerable<ValueInfoProto> inputs, IEnumerable<ValueInfoProto> outputs, string docString, int opset = Opset)
    {
        var graph = builder.Graph;
        graph.Name = graphName;
        graph.Input.AddRange(inputs);
        graph.Output.AddRange(outputs);
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "QGan.MLNet",
            ProducerVersion = typeof(OnnxModelBuilder).Assembly.GetName().Version?.ToString() ?? "0.0.0",
            Domain = "org.qgan-mlnet",
            ModelVersion = 1,
            DocString = docString,
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        return model;
    }
}
