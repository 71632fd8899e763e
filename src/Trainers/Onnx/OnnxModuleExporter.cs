using QGan.MLNet.Transforms.Onnx;
using Google.Protobuf;
using QGan.MLNet.Transforms.Onnx.Proto;
using QGan.MLNet.Transforms.IO;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Onnx;

/// <summary>
/// Writes a TorchSharp module as an ONNX model. TorchSharp has no exporter of its own, so this one walks the
/// module tree with a converter per module type (see <see cref="OnnxConverterRegistry"/>), tracking the tensor
/// shape layer by layer, and always exports inference behaviour (BatchNorm with running statistics, no dropout).
/// The input and output have a symbolic batch dimension.
/// </summary>
public sealed class OnnxModuleExporter
{
    /// <summary>Opset of the default domain the models are written for.</summary>
    public const int DefaultOpset = 17;

    /// <summary>IR version 8 is the one that goes with opsets 17 and 18.</summary>
    public const long IrVersion = 8;

    /// <summary>The producer recorded in the models.</summary>
    public const string ProducerName = "QGan.MLNet";

    private readonly OnnxConverterRegistry _registry;

    /// <summary>An exporter with <paramref name="registry"/> (default: <see cref="OnnxConverterRegistry.CreateDefault"/>).</summary>
    public OnnxModuleExporter(OnnxConverterRegistry? registry = null) => _registry = registry ?? OnnxConverterRegistry.CreateDefault();

    /// <summary>The module as an ONNX model; unsupported modules raise <see cref="UnsupportedModuleException"/> naming their path.</summary>
    public ModelProto Export(nn.Module module, OnnxExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Opset < 13)
        {
            throw new ArgumentException($"Opset {options.Opset} is too old; the converters target opset 13 or later.", nameof(options));
        }
        if (options.InputName == options.OutputName)
        {
            throw new ArgumentException($"Input and output are both named '{options.InputName}'.", nameof(options));
        }

        var builder = new OnnxGraphBuilder();
        builder.Reserve(options.InputName);
        builder.Reserve(options.OutputName);
        var input = new OnnxValue(options.InputName, [OnnxValue.Dynamic, .. options.InputShape]);

        OnnxValue output;
        var context = new OnnxExportContext(builder, _registry, options.Opset);
        var wasTraining = module.training;
        module.eval();
        try
        {
            using var noGrad = no_grad();
            output = context.Export(module, "", input);
        }
        finally
        {
            if (wasTraining)
            {
                module.train();
            }
        }

        if (options.ExpectedOutputShape is { } expected && !expected.SequenceEqual(output.Shape[1..]))
        {
            throw new InvalidOperationException(
                $"The exported module maps {input} to {output}, not to the expected [N,{string.Join(",", expected)}].");
        }

        if (output.Name == input.Name)
        {
            builder.Graph.Node.Add(new NodeProto { OpType = "Identity", Name = options.OutputName, Input = { input.Name }, Output = { options.OutputName } });
        }
        else
        {
            builder.Rename(output.Name, options.OutputName);
        }

        var graph = builder.Graph;
        graph.Name = options.GraphName;
        graph.Input.Add(ValueInfo(options.InputName, input.Shape, options.BatchDimensionName));
        graph.Output.Add(ValueInfo(options.OutputName, output.Shape, options.BatchDimensionName));
        foreach (var (name, value) in context.ExtraOutputs)
        {
            // An Identity node gives the published value its own name without renaming it for the nodes that use it.
            builder.Reserve(name);
            var source = value.Name == output.Name ? options.OutputName : value.Name;
            graph.Node.Add(new NodeProto { OpType = "Identity", Name = name, Input = { source }, Output = { name } });
            graph.Output.Add(ValueInfo(name, value.Shape, options.BatchDimensionName));
        }

        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = ProducerName,
            ProducerVersion = typeof(OnnxModuleExporter).Assembly.GetName().Version?.ToString() ?? "0.0.0",
            Domain = "org.qgan-mlnet",
            ModelVersion = 1,
            Graph = graph,
        };
        if (options.DocString is { } doc)
        {
            model.DocString = doc;
        }
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = options.Opset });
        foreach (var (key, value) in options.Metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }
        return model;
    }

    /// <summary>The module as ONNX bytes.</summary>
    public byte[] ExportBytes(nn.Module module, OnnxExportOptions options) => Export(module, options).ToByteArray();

    /// <summary>Exports to <paramref name="path"/> atomically (a failed export leaves no file behind).</summary>
    public void Save(nn.Module module, OnnxExportOptions options, string path)
    {
        var bytes = ExportBytes(module, options);
        AtomicFile.WriteAllBytes(path, bytes);
    }

    private static ValueInfoProto ValueInfo(string name, long[] shape, string batchName)
    {
        var tensorShape = new TensorShapeProto();
        foreach (var dim in shape)
        {
            tensorShape.Dim.Add(dim == OnnxValue.Dynamic
                ? new TensorShapeProto.Types.Dimension { DimParam = batchName }
                : new TensorShapeProto.Types.Dimension { DimValue = dim });
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = tensorShape },
            },
        };
    }
}
