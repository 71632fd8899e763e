using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using QGan.MLNet.Transforms.Onnx.Proto;

namespace QGan.MLNet.Transforms.Mapping;

/// <summary>
/// One ONNX model of an <see cref="OnnxPipeline"/>: one float input and one float output, each with a symbolic
/// batch dimension and a fixed size per row. The model's input and output tensors are renamed to names unique to
/// the pipeline, so the equivalent ML.NET chain (whose column names are the tensor names) never collides with the
/// caller's columns. (Names must not end in <c>.output</c>: ML.NET's ONNX transform strips that suffix from column names.)
/// </summary>
public sealed class OnnxStage
{
    private OnnxStage(byte[] bytes, string inputName, long[] inputShape, string outputName, long[] outputShape, string source)
    {
        Bytes = bytes;
        InputName = inputName;
        InputShape = inputShape;
        OutputName = outputName;
        OutputShape = outputShape;
        Source = source;
    }

    /// <summary>The serialized model (with the renamed input and output).</summary>
    public byte[] Bytes { get; }

    /// <summary>The (renamed) input tensor.</summary>
    public string InputName { get; }

    /// <summary>Input shape per row (without the batch dimension).</summary>
    public long[] InputShape { get; }

    /// <summary>The (renamed) output tensor.</summary>
    public string OutputName { get; }

    /// <summary>Output shape per row (without the batch dimension).</summary>
    public long[] OutputShape { get; }

    /// <summary>Where the model came from, for error messages.</summary>
    public string Source { get; }

    /// <summary>Floats per input row.</summary>
    public int InputLength => checked((int)InputShape.Aggregate(1L, (a, b) => a * b));

    /// <summary>Floats per output row.</summary>
    public int OutputLength => checked((int)OutputShape.Aggregate(1L, (a, b) => a * b));

    /// <summary>
    /// A stage from a model: <paramref name="inputName"/> / <paramref name="outputName"/> select the tensors (null: the
    /// model's only input / output), which are renamed to <paramref name="newInputName"/> and
    /// <paramref name="newOutputName"/>. Per-row shapes that the model leaves dynamic are taken from
    /// <paramref name="inputShape"/> and learned for the output by one run on zeros.
    /// </summary>
    /// <remarks>With both <paramref name="inputShape"/> and <paramref name="outputShape"/> given, no session is opened.</remarks>
    /// <exception cref="InvalidDataException">The bytes are not a loadable model with one float input and output of fixed per-row size; the message names <paramref name="source"/>.</exception>
    public static OnnxStage Create(byte[] bytes, string source, string? inputName, string? outputName, string newInputName, string newOutputName,
        long[]? inputShape = null, long[]? outputShape = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException($"{source}: not an ONNX model ({ex.Message})", ex);
        }
        var graph = model.Graph ?? throw new InvalidDataException($"{source}: the ONNX model has no graph");
        var initializers = graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var inputs = graph.Input.Where(i => !initializers.Contains(i.Name)).ToList();
        var input = inputName is null
            ? inputs.Count == 1 ? inputs[0] : throw new InvalidDataException($"{source}: the model has {inputs.Count} inputs ({string.Join(", ", inputs.Select(i => i.Name))}); name the one to use")
            : inputs.FirstOrDefault(i => i.Name == inputName) ?? throw new InvalidDataException($"{source}: no input tensor '{inputName}'");
        if (inputs.Count != 1)
        {
            throw new InvalidDataException($"{source}: the model has {inputs.Count} inputs; one float input is needed");
        }
        var output = outputName is null
            ? graph.Output.Count == 1 ? graph.Output[0] : throw new InvalidDataException($"{source}: the model has {graph.Output.Count} outputs ({string.Join(", ", graph.Output.Select(o => o.Name))}); name the one to use")
            : graph.Output.FirstOrDefault(o => o.Name == outputName) ?? throw new InvalidDataException($"{source}: no output tensor '{outputName}'");
        // Only the selected output is kept: the ML.NET chain then has no unused output columns.
        var kept = output.Clone();
        graph.Output.Clear();
        graph.Output.Add(kept);
        Rename(graph, input.Name, newInputName);
        Rename(graph, kept.Name, newOutputName);
        var renamed = model.ToByteArray();
        if (inputShape is not null && outputShape is not null)
        {
            return new OnnxStage(renamed, newInputName, inputShape, newOutputName, outputShape, source);
        }

        using var session = Open(renamed, source, intraOpThreads: 1);
        var inputMeta = session.InputMetadata[newInputName];
        var outputMeta = session.OutputMetadata[newOutputName];
        if (inputMeta.ElementDataType != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float
            || outputMeta.ElementDataType != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float)
        {
            throw new InvalidDataException($"{source}: input and output must be float tensors");
        }
        var inDims = inputMeta.Dimensions;
        if (inDims.Length < 2 || inDims[0] > 1)
        {
            throw new InvalidDataException($"{source}: input '{input.Name}' must have a batch dimension first (symbolic or 1), got [{string.Join(", ", inDims)}]");
        }
        var perRowInput = inDims.Skip(1).Select(d => (long)d).ToArray();
        if (perRowInput.Any(d => d <= 0))
        {
            if (inputShape is null || inputShape.Length != perRowInput.Length)
            {
                throw new InvalidDataException($"{source}: input '{input.Name}' has dynamic sizes [{string.Join(", ", inDims)}]; a fixed size per row is needed");
            }
            perRowInput = inputShape;
        }
        var outDims = outputMeta.Dimensions;
        if (outDims.Length < 1 || outDims[0] > 1)
        {
            throw new InvalidDataException($"{source}: output '{kept.Name}' must have a batch dimension first (symbolic or 1), got [{string.Join(", ", outDims)}]");
        }
        var perRowOutput = outDims.Skip(1).Select(d => (long)d).ToArray();
        if (perRowOutput.Any(d => d <= 0))
        {
            perRowOutput = Probe(session, newInputName, newOutputName, perRowInput);
        }
        return new OnnxStage(renamed, newInputName, perRowInput, newOutputName, perRowOutput, source);
    }

    /// <summary>A stage from a model the project built, whose input and output already have the wanted names.</summary>
    public static OnnxStage FromBuilt(QGan.MLNet.Transforms.Onnx.Proto.ModelProto model, string source, long[] inputShape, long[] outputShape) =>
        new(model.ToByteArray(), model.Graph.Input.Single().Name, inputShape, model.Graph.Output.Single().Name, outputShape, source);

    /// <summary>A session with <paramref name="intraOpThreads"/> threads per run (0: ONNX Runtime's default, one per core).</summary>
    public static InferenceSession Open(byte[] bytes, string source, int intraOpThreads)
    {
        using var options = new SessionOptions { InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        if (intraOpThreads > 0)
        {
            options.IntraOpNumThreads = intraOpThreads;
        }
        try
        {
            return new InferenceSession(bytes, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidDataException($"{source}: not a loadable ONNX model ({ex.Message})", ex);
        }
    }

    private static long[] Probe(InferenceSession session, string input, string output, long[] perRowInput)
    {
        var length = checked((int)perRowInput.Aggregate(1L, (a, b) => a * b));
        using var value = OrtValue.CreateTensorValueFromMemory(new float[length], [1, .. perRowInput]);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [input], [value], [output]);
        return results[0].GetTensorTypeAndShape().Shape.Skip(1).ToArray();
    }

    /// <summary>Renames a value everywhere in the graph and its subgraphs (inputs, outputs, node references, value infos).</summary>
    private static void Rename(GraphProto graph, string from, string to)
    {
        if (from == to)
        {
            return;
        }
        foreach (var value in graph.Input.Concat(graph.Output).Concat(graph.ValueInfo))
        {
            if (value.Name == from)
            {
                value.Name = to;
            }
        }
        foreach (var tensor in graph.Initializer)
        {
            if (tensor.Name == from)
            {
                tensor.Name = to;
            }
        }
        foreach (var node in graph.Node)
        {
            for (int i = 0; i < node.Input.Count; i++)
            {
                if (node.Input[i] == from)
                {
                    node.Input[i] = to;
                }
            }
            for (int i = 0; i < node.Output.Count; i++)
            {
                if (node.Output[i] == from)
                {
                    node.Output[i] = to;
                }
            }
            foreach (var attribute in node.Attribute)
            {
                if (attribute.G is not null)
                {
                    Rename(attribute.G, from, to);
                }
                foreach (var sub in attribute.Graphs)
                {
                    Rename(sub, from, to);
                }
            }
        }
    }
}
