namespace QGan.MLNet.Trainers.Onnx;

/// <summary>How a module is exported: the graph's input and output names, the input shape, opset and metadata.</summary>
public sealed record OnnxExportOptions
{
    /// <summary>Name of the graph input, e.g. <c>image</c>.</summary>
    public required string InputName { get; init; }

    /// <summary>Input shape without the batch dimension, e.g. <c>[4, 28, 28]</c>; the batch is dynamic.</summary>
    public required long[] InputShape { get; init; }

    /// <summary>Name of the graph output, e.g. <c>latent</c>.</summary>
    public required string OutputName { get; init; }

    /// <summary>
    /// Expected output shape without the batch dimension. When set, the shape the exporter infers layer by layer
    /// must equal it, so a mis-configured module fails at export time instead of at inference time.
    /// </summary>
    public long[]? ExpectedOutputShape { get; init; }

    /// <summary>Name of the symbolic batch dimension.</summary>
    public string BatchDimensionName { get; init; } = "N";

    /// <summary>Name of the graph.</summary>
    public string GraphName { get; init; } = "graph";

    /// <summary>ONNX opset of the default domain. 13 is the minimum the built-in converters are written against.</summary>
    public int Opset { get; init; } = OnnxModuleExporter.DefaultOpset;

    /// <summary>Model documentation string.</summary>
    public string? DocString { get; init; }

    /// <summary>Model-level metadata_props (producer details, latent size, training data, seed, ...).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
