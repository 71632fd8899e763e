using Microsoft.ML.OnnxRuntime;

namespace QGan.MLNet.Transforms.Production;

/// <summary>Opening exported models and checking their tensors (shared by the generator and the critic).</summary>
internal static class ExportedModels
{
    public static InferenceSession Open(byte[] model, string source, int intraOpThreads)
    {
        using var options = new SessionOptions { InterOpNumThreads = 1 };
        if (intraOpThreads > 0)
        {
            options.IntraOpNumThreads = intraOpThreads;
        }
        try
        {
            return new InferenceSession(model, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidDataException($"'{source}' is not a loadable ONNX model: {ex.Message}", ex);
        }
    }

    /// <summary>The per-row sizes of a float tensor of the given rank with a dynamic (or 1) batch dimension.</summary>
    public static int[] Tensor(IReadOnlyDictionary<string, NodeMetadata> tensors, string name, int rank, string role, string source)
    {
        if (!tensors.TryGetValue(name, out var meta) || meta.ElementType != typeof(float) || meta.Dimensions.Length != rank)
        {
            throw new InvalidDataException(
                $"'{source}': expected a float {role} '{name}' of rank {rank}; the model's {role}s are {string.Join(", ", tensors.Keys)}.");
        }
        var dims = meta.Dimensions;
        if (dims[0] > 1 || dims.Skip(1).Any(d => d <= 0))
        {
            throw new InvalidDataException($"'{source}': {role} '{name}' must be [N, ...] with fixed sizes after the batch, got [{string.Join(", ", dims)}].");
        }
        return dims[1..];
    }
}
