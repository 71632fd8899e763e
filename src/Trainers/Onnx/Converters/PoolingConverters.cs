using QGan.MLNet.Transforms.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Onnx.Converters;

/// <summary>
/// MaxPool2d -&gt; MaxPool, AvgPool2d -&gt; AveragePool (count_include_pad carried over: TensorFlow-style pools that
/// average over the real pixels only export as count_include_pad = 0), AdaptiveAvgPool2d -&gt; GlobalAveragePool for
/// a 1 x 1 output, or AveragePool when the input divides evenly into the output. ceil_mode and divisor_override
/// are refused: ONNX Runtime's rounding of the last window differs from torch's in corner cases.
/// </summary>
internal static class PoolingConverters
{
    public static void Register(OnnxConverterRegistry registry)
    {
        registry.Register<MaxPool2d>(ExportMaxPool);
        registry.Register<AvgPool2d>(ExportAvgPool);
        registry.Register<AdaptiveAvgPool2d>(ExportAdaptiveAvgPool);
    }

    private static OnnxValue ExportMaxPool(OnnxExportContext context, nn.Module module, string path, OnnxValue input)
    {
        var pool = (MaxPool2d)module;
        if (pool.ceil_mode)
        {
            throw new UnsupportedModuleException(path, module.GetType(), "ceil_mode = true is not exported.");
        }
        var kernel = Pair(pool.kernel_size, null, path, module, "kernel_size");
        var stride = Pair(pool.stride, kernel, path, module, "stride");
        var padding = Pair(pool.padding, [0, 0], path, module, "padding");
        var dilation = Pair(pool.dilation, [1, 1], path, module, "dilation");
        var shape = OutputShape(input, kernel, stride, padding, dilation, path, module);
        var output = context.Builder.AddNode("MaxPool", path, [input.Name],
            OnnxAttributes.Ints("kernel_shape", kernel),
            OnnxAttributes.Ints("strides", stride),
            OnnxAttributes.Ints("pads", [padding[0], padding[1], padding[0], padding[1]]),
            OnnxAttributes.Ints("dilations", dilation));
        return new OnnxValue(output, shape);
    }

    private static OnnxValue ExportAvgPool(OnnxExportContext context, nn.Module module, string path, OnnxValue input)
    {
        var pool = (AvgPool2d)module;
        if (pool.ceil_mode)
        {
            throw new UnsupportedModuleException(path, module.GetType(), "ceil_mode = true is not exported.");
        }
        if (pool.divisor_override is not null)
        {
            throw new UnsupportedModuleException(path, module.GetType(), "divisor_override has no ONNX equivalent.");
        }
        var kernel = Pair(pool.kernel_size, null, path, module, "kernel_size");
        var stride = Pair(pool.stride, kernel, path, module, "stride");
        var padding = Pair(pool.padding, [0, 0], path, module, "padding");
        var shape = OutputShape(input, kernel, stride, padding, [1, 1], path, module);
        var output = context.Builder.AddNode("AveragePool", path, [input.Name],
            OnnxAttributes.Ints("kernel_shape", kernel),
            OnnxAttributes.Ints("strides", stride),
            OnnxAttributes.Ints("pads", [padding[0], padding[1], padding[0], padding[1]]),
            OnnxAttributes.Int("count_include_pad", pool.count_include_pad ? 1 : 0));
        return new OnnxValue(output, shape);
    }

    private static OnnxValue ExportAdaptiveAvgPool(OnnxExportContext context, nn.Module module, string path, OnnxValue input)
    {
        var pool = (AdaptiveAvgPool2d)module;
        CheckRank4(input, path, module);
        var size = Pair(pool.output_size, null, path, module, "output_size");
        long[] shape = [input.Shape[0], input.Shape[1], size[0], size[1]];
        if (size[0] == 1 && size[1] == 1)
        {
            return new OnnxValue(context.Builder.AddNode("GlobalAveragePool", path, [input.Name]), shape);
        }
        long height = input.Shape[2], width = input.Shape[3];
        if (size[0] <= 0 || size[1] <= 0 || height % size[0] != 0 || width % size[1] != 0)
        {
            throw new UnsupportedModuleException(path, module.GetType(),
                $"adaptive pooling of {input} to {size[0]} x {size[1]} has unequal windows; only even divisions (and 1 x 1) are exported.");
        }
        long[] kernel = [height / size[0], width / size[1]];
        var output = context.Builder.AddNode("AveragePool", path, [input.Name],
            OnnxAttributes.Ints("kernel_shape", kernel),
            OnnxAttributes.Ints("strides", kernel));
        return new OnnxValue(output, shape);
    }

    private static long[] OutputShape(OnnxValue input, long[] kernel, long[] stride, long[] padding, long[] dilation, string path, nn.Module module)
    {
        CheckRank4(input, path, module);
        var shape = new long[4];
        shape[0] = input.Shape[0];
        shape[1] = input.Shape[1];
        for (var d = 0; d < 2; d++)
        {
            if (2 * padding[d] > kernel[d])
            {
                throw new UnsupportedModuleException(path, module.GetType(), $"padding {padding[d]} is more than half the kernel {kernel[d]}.");
            }
            shape[2 + d] = (input.Shape[2 + d] + 2 * padding[d] - dilation[d] * (kernel[d] - 1) - 1) / stride[d] + 1;
            if (shape[2 + d] <= 0)
            {
                throw new UnsupportedModuleException(path, module.GetType(), $"produces an empty output from {input}.");
            }
        }
        return shape;
    }

    private static void CheckRank4(OnnxValue input, string path, nn.Module module)
    {
        if (input.Rank != 4)
        {
            throw new UnsupportedModuleException(path, module.GetType(), $"expects a rank-4 input [N,C,H,W] but receives {input}.");
        }
    }

    /// <summary>A 2-d setting: [a, b], one value for both axes, or <paramref name="fallback"/> when unset.</summary>
    private static long[] Pair(long[]? value, long[]? fallback, string path, nn.Module module, string name) => value switch
    {
        null or [] when fallback is not null => fallback,
        [var a] => [a, a],
        [var a, var b] => [a, b],
        _ => throw new UnsupportedModuleException(path, module.GetType(), $"{name} [{string.Join(", ", value ?? [])}] is not a 2-d setting."),
    };
}
