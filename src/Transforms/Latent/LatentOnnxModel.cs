using Microsoft.ML.OnnxRuntime;

namespace QGan.MLNet.Transforms.Latent;

/// <summary>
/// An encoder or decoder ONNX model whose signature has been checked: one float input and one float output with
/// the expected names and ranks, static sizes except the batch. Construction fails with an
/// <see cref="InvalidDataException"/> naming the model file and the offending tensor, so a wrong model is caught
/// before any data flows through a pipeline.
/// </summary>
public sealed class LatentOnnxModel
{
    private LatentOnnxModel(LatentModelKind kind, string source, byte[] bytes, long[] imageShape, long latentSize)
    {
        Kind = kind;
        Source = source;
        Bytes = bytes;
        ImageShape = imageShape;
        LatentSize = latentSize;
    }

    /// <summary>Encoder or decoder.</summary>
    public LatentModelKind Kind { get; }

    /// <summary>Where the model came from (its file path), used in error messages.</summary>
    public string Source { get; }

    /// <summary>The serialized ONNX model.</summary>
    public byte[] Bytes { get; }

    /// <summary>Image shape without the batch dimension, [C, H, W].</summary>
    public long[] ImageShape { get; }

    /// <summary>Number of elements of one image (C*H*W), the size of the image vector column.</summary>
    public long ImageSize => ImageShape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Latent values per sample.</summary>
    public long LatentSize { get; }

    /// <summary>The input tensor name (<c>image</c> or <c>latent</c>).</summary>
    public string InputTensor => Kind == LatentModelKind.Encoder ? LatentTensorNames.Image : LatentTensorNames.Latent;

    /// <summary>The output tensor name.</summary>
    public string OutputTensor => Kind == LatentModelKind.Encoder ? LatentTensorNames.Latent : LatentTensorNames.Image;

    /// <summary>Reads and checks a model file; errors name the file and the tensor.</summary>
    public static LatentOnnxModel Load(string path, LatentModelKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{kind} model '{path}' does not exist.", path);
        }
        return FromBytes(File.ReadAllBytes(path), kind, path);
    }

    /// <summary>Checks a model held in memory; <paramref name="source"/> names it in errors.</summary>
    public static LatentOnnxModel FromBytes(byte[] bytes, LatentModelKind kind, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        InferenceSession session;
        try
        {
            session = new InferenceSession(bytes);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidDataException($"{kind} model '{source}' is not a loadable ONNX model: {ex.Message}", ex);
        }
        using (session)
        {
            var input = Single(session.InputMetadata, "input", kind, source);
            var output = Single(session.OutputMetadata, "output", kind, source);
            var (imageMeta, latentMeta) = kind == LatentModelKind.Encoder ? (input, output) : (output, input);
            var imageShape = CheckTensor(imageMeta, LatentTensorNames.Image, 4, kind, source);
            var latentShape = CheckTensor(latentMeta, LatentTensorNames.Latent, 2, kind, source);
            return new LatentOnnxModel(kind, source, bytes, imageShape, latentShape[0]);
        }
    }

    private static KeyValuePair<string, NodeMetadata> Single(IReadOnlyDictionary<string, NodeMetadata> tensors, string role, LatentModelKind kind, string source)
    {
        if (tensors.Count != 1)
        {
            throw new InvalidDataException(
                $"{kind} model '{source}' must have exactly one {role} tensor but has {tensors.Count} ({string.Join(", ", tensors.Keys)}).");
        }
        return tensors.First();
    }

    /// <summary>Checks name, element type and shape [N, d1, ...] of one tensor and returns d1...</summary>
    private static long[] CheckTensor(KeyValuePair<string, NodeMetadata> tensor, string expectedName, int rank, LatentModelKind kind, string source)
    {
        var (name, meta) = (tensor.Key, tensor.Value);
        var expected = rank == 4 ? "[N,C,H,W]" : "[N,L]";
        if (name != expectedName)
        {
            throw new InvalidDataException(
                $"{kind} model '{source}': expected a tensor named '{expectedName}' {expected} but found '{name}'.");
        }
        if (!meta.IsTensor || meta.ElementType != typeof(float))
        {
            throw new InvalidDataException(
                $"{kind} model '{source}': tensor '{name}' must be a float tensor but is {meta.OnnxValueType}/{meta.ElementType.Name}.");
        }
        var dims = meta.Dimensions;
        // ML.NET feeds one row per run, so the batch dimension must be symbolic (-1) or 1.
        if (dims.Length != rank || dims.Skip(1).Any(d => d <= 0) || dims[0] is not (-1 or 1))
        {
            throw new InvalidDataException(
                $"{kind} model '{source}': tensor '{name}' must have shape {expected} with a batch dimension and static sizes, but has [{string.Join(",", dims)}].");
        }
        return dims.Skip(1).Select(d => (long)d).ToArray();
    }
}
