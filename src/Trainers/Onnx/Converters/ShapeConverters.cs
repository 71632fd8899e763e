using QGan.MLNet.Transforms.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Onnx.Converters;

/// <summary>
/// Flatten and Unflatten -> Reshape with a constant target shape. The batch dimension is written as 0
/// ("copy from the input"), which keeps it dynamic; every other dimension is static.
/// </summary>
internal static class ShapeConverters
{
    public static void Register(OnnxConverterRegistry registry)
    {
        registry.Register<Flatten>(ExportFlatten);
        registry.Register<Unflatten>(ExportUnflatten);
    }

    private static OnnxValue ExportFlatten(OnnxExportContext context, nn.Module module, string path, OnnxValue input)
    {
        var flatten = (Flatten)module;
        var start = Normalize(flatten.start_dim, input.Rank);
        var end = Normalize(flatten.end_dim, input.Rank);
        if (start < 1 || end < start || end >= input.Rank)
        {
            throw new UnsupportedModuleException(path, module.GetType(),
                $"flattens dimensions {flatten.start_dim}..{flatten.end_dim} of {input}; only ranges that keep the batch dimension 0 are exported.");
        }
        var size = 1L;
        for (var d = start; d <= end; d++)
        {
            size *= input.Shape[d];
        }
        long[] shape = [.. input.Shape[..start], size, .. input.Shape[(end + 1)..]];
        return Reshape(context, path, input, shape);
    }

    private static OnnxValue ExportUnflatten(OnnxExportContext context, nn.Module module, string path, OnnxValue input)
    {
        var unflatten = (Unflatten)module;
        var dim = Normalize(unflatten.dim, input.Rank);
        var sizes = unflatten.unflattened_size;
        if (dim < 1 || dim >= input.Rank || sizes.Any(s => s <= 0) || sizes.Aggregate(1L, (a, b) => a * b) != input.Shape[dim])
        {
            throw new UnsupportedModuleException(path, module.GetType(),
                $"cannot unflatten dimension {unflatten.dim} of {input} into [{string.Join(",", sizes)}] (sizes must be positive, multiply to the dimension, and leave the batch dimension alone).");
        }
        long[] shape = [.. input.Shape[..dim], .. sizes, .. input.Shape[(dim + 1)..]];
        return Reshape(context, path, input, shape);
    }

    private static OnnxValue Reshape(OnnxExportContext context, string path, OnnxValue input, long[] shape)
    {
        // 0 copies the batch size from the input (allowzero = 0, the default), so the batch stays dynamic.
        long[] target = [0, .. shape[1..]];
        var shapeName = context.Builder.AddInt64Initializer($"{path}.shape", target);
        return new OnnxValue(context.Builder.AddNode("Reshape", path, [input.Name, shapeName]), shape);
    }

    private static int Normalize(long dim, int rank) => (int)(dim < 0 ? dim + rank : dim);
}
