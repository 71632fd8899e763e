using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace QGan.MLNet.Transforms.Features;

/// <summary>
/// The input and output tensors a feature extractor uses, read from the model's metadata and checked against the
/// configured preprocessing before any data flows. Every error names the model file and the tensor.
/// </summary>
public sealed class OnnxModelSignature
{
    private OnnxModelSignature(string modelPath, string inputName, int[] inputShape, string outputName, int[] outputShape,
        int featureDimension)
    {
        ModelPath = modelPath;
        InputName = inputName;
        InputShape = inputShape;
        OutputName = outputName;
        OutputShape = outputShape;
        FeatureDimension = featureDimension;
    }

    /// <summary>The model file.</summary>
    public string ModelPath { get; }

    /// <summary>The input tensor used.</summary>
    public string InputName { get; }

    /// <summary>Input dimensions as declared (-1 = dynamic).</summary>
    public IReadOnlyList<int> InputShape { get; }

    /// <summary>The output tensor used.</summary>
    public string OutputName { get; }

    /// <summary>Output dimensions as declared (-1 = dynamic).</summary>
    public IReadOnlyList<int> OutputShape { get; }

    /// <summary>Features per sample (product of the output's non-batch dimensions), or -1 when dynamic.</summary>
    public int FeatureDimension { get; }

    /// <summary>Reads and checks the signature of the model described by <paramref name="options"/>.</summary>
    public static OnnxModelSignature Inspect(InferenceSession session, OnnxFeatureExtractorOptions options)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        var model = options.ModelPath;
        var (inputName, input) = Pick(session.InputMetadata, options.OnnxInputName, model, "input");
        var (outputName, output) = Pick(session.OutputMetadata, options.OnnxOutputName, model, "output");

        CheckFloatTensor(input, model, "input", inputName);
        CheckFloatTensor(output, model, "output", outputName);

        var inShape = input.Dimensions;
        var sample = options.SampleShape;
        var nhwc = options.InputLayout == OnnxTensorLayout.Nhwc;
        var layoutText = nhwc ? "[N, H, W, C]" : "[N, C, H, W]";
        var expectedText = $"[N, {sample[0]}, {sample[1]}, {sample[2]}]";
        if (inShape.Length != 4)
        {
            throw new InvalidDataException(
                $"{model}: input '{inputName}' has rank {inShape.Length} ({Format(inShape)}); a feature extractor needs " +
                $"{layoutText} = {expectedText}.");
        }
        if (inShape[0] > 1)
        {
            throw new InvalidDataException(
                $"{model}: input '{inputName}' has a fixed batch size {inShape[0]} ({Format(inShape)}); the batch dimension must be dynamic or 1.");
        }
        string[] axes = nhwc ? ["height", "width", "channels"] : ["channels", "height", "width"];
        for (var i = 0; i < 3; i++)
        {
            var declared = inShape[i + 1];
            if (declared > 0 && declared != sample[i])
            {
                var other = nhwc ? OnnxTensorLayout.Nchw : OnnxTensorLayout.Nhwc;
                var hint = Fits(inShape, options.SampleShapeFor(other))
                    ? $" The model looks {(nhwc ? "channels-first" : "channels-last")}: set InputLayout = {other}."
                    : "";
                throw new InvalidDataException(
                    $"{model}: input '{inputName}' has {axes[i]} {declared} ({Format(inShape)}) but the configured " +
                    $"preprocessing produces {expectedText} ({layoutText}).{hint}");
            }
        }

        var outShape = output.Dimensions;
        if (outShape.Length < 2)
        {
            throw new InvalidDataException(
                $"{model}: output '{outputName}' has rank {outShape.Length} ({Format(outShape)}); expected [N, features, ...].");
        }
        if (outShape[0] > 1)
        {
            throw new InvalidDataException(
                $"{model}: output '{outputName}' has a fixed batch size {outShape[0]} ({Format(outShape)}); it must be dynamic or 1.");
        }
        var featureDim = 1;
        for (var i = 1; i < outShape.Length; i++)
        {
            if (outShape[i] <= 0)
            {
                featureDim = -1;
                break;
            }
            featureDim = checked(featureDim * outShape[i]);
        }
        if (options.ExpectedFeatureDimension is { } expected && featureDim > 0 && featureDim != expected)
        {
            throw new InvalidDataException(
                $"{model}: output '{outputName}' gives {featureDim} features per sample ({Format(outShape)}), expected {expected}.");
        }
        return new OnnxModelSignature(model, inputName, inShape, outputName, outShape, featureDim);
    }

    private static (string Name, NodeMetadata Meta) Pick(IReadOnlyDictionary<string, NodeMetadata> nodes, string? name,
        string model, string kind)
    {
        var available = string.Join(", ", nodes.Keys.Select(k => $"'{k}'"));
        if (name is null)
        {
            if (nodes.Count != 1)
            {
                throw new InvalidDataException(
                    $"{model}: the model has {nodes.Count} {kind}s ({available}); name the {kind} tensor to use.");
            }
            var only = nodes.First();
            return (only.Key, only.Value);
        }
        if (!nodes.TryGetValue(name, out var meta))
        {
            throw new InvalidDataException($"{model}: no {kind} tensor '{name}' (the model's {kind}s: {available}).");
        }
        return (name, meta);
    }

    private static void CheckFloatTensor(NodeMetadata meta, string model, string kind, string name)
    {
        if (!meta.IsTensor)
        {
            throw new InvalidDataException($"{model}: {kind} '{name}' is a {meta.OnnxValueType}, not a tensor.");
        }
        if (meta.ElementDataType != TensorElementType.Float)
        {
            throw new InvalidDataException(
                $"{model}: {kind} '{name}' has element type {meta.ElementDataType}; a feature extractor needs float32.");
        }
    }

    private static bool Fits(int[] declared, int[] sample)
    {
        for (var i = 0; i < 3; i++)
        {
            if (declared[i + 1] > 0 && declared[i + 1] != sample[i])
            {
                return false;
            }
        }
        return true;
    }

    internal static string Format(IEnumerable<int> shape) =>
        "[" + string.Join(", ", shape.Select(d => d < 0 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
}
