using QGan.MLNet.Transforms.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Onnx.Converters;

/// <summary>
/// Conv2d -> Conv and ConvTranspose2d -> ConvTranspose. TorchSharp and ONNX share the weight layouts
/// ([out, in/groups, kH, kW] and [in, out/groups, kH, kW]), so weights are copied as they are.
/// </summary>
internal static class ConvolutionConverters
{
    public static void Register(OnnxConverterRegistry registry)
    {
        registry.Register<Conv2d>((c, m, p, x) => Export(c, (Convolution)m, p, x, transposed: false));
        registry.Register<ConvTranspose2d>((c, m, p, x) => Export(c, (Convolution)m, p, x, transposed: true));
    }

    private static OnnxValue Export(OnnxExportContext context, Convolution conv, string path, OnnxValue input, bool transposed)
    {
        if (conv.padding_mode != PaddingModes.Zeros)
        {
            throw new UnsupportedModuleException(path, conv.GetType(), $"padding mode {conv.padding_mode} is not supported (only zero padding).");
        }
        if (input.Rank != 4)
        {
            throw new UnsupportedModuleException(path, conv.GetType(), $"expects a rank-4 input [N,C,H,W] but receives {input}.");
        }
        if (input.Shape[1] != conv.in_channels)
        {
            throw new UnsupportedModuleException(path, conv.GetType(), $"has {conv.in_channels} input channels but receives {input}.");
        }

        var kernel = conv.kernel_size;
        var stride = conv.stride;
        var dilation = conv.dilation;
        var padding = ExplicitPadding(conv, path);
        var outputPadding = transposed ? conv.output_padding : [0, 0];

        var shape = new long[4];
        shape[0] = input.Shape[0];
        shape[1] = conv.out_channels;
        for (var d = 0; d < 2; d++)
        {
            var size = input.Shape[2 + d];
            var padTotal = padding[d] + padding[2 + d];
            shape[2 + d] = transposed
                ? (size - 1) * stride[d] - padTotal + dilation[d] * (kernel[d] - 1) + outputPadding[d] + 1
                : (size + padTotal - dilation[d] * (kernel[d] - 1) - 1) / stride[d] + 1;
            if (shape[2 + d] <= 0)
            {
                throw new UnsupportedModuleException(path, conv.GetType(), $"produces an empty output from {input}.");
            }
        }

        var inputs = new List<string> { input.Name, context.Builder.AddInitializer($"{path}.weight", conv.weight) };
        if (conv.bias is { } bias)
        {
            inputs.Add(context.Builder.AddInitializer($"{path}.bias", bias));
        }
        var attributes = new List<Transforms.Onnx.Proto.AttributeProto>
        {
            OnnxAttributes.Ints("kernel_shape", kernel),
            OnnxAttributes.Ints("strides", stride),
            OnnxAttributes.Ints("dilations", dilation),
            OnnxAttributes.Ints("pads", padding),
            OnnxAttributes.Int("group", conv.groups),
        };
        if (transposed && outputPadding.Any(p => p != 0))
        {
            attributes.Add(OnnxAttributes.Ints("output_padding", outputPadding));
        }
        var output = context.Builder.AddNode(transposed ? "ConvTranspose" : "Conv", path, inputs, [.. attributes]);
        return new OnnxValue(output, shape);
    }

    /// <summary>ONNX pads as [top, left, bottom, right]; torch 'same' puts the odd extra pixel at the end.</summary>
    private static long[] ExplicitPadding(Convolution conv, string path)
    {
        if (conv.padding is { Length: 2 } p)
        {
            return [p[0], p[1], p[0], p[1]];
        }
        return conv.padding_type switch
        {
            Padding.Valid => [0, 0, 0, 0],
            Padding.Same when !conv.transposed => SamePadding(conv),
            _ => throw new UnsupportedModuleException(path, conv.GetType(), "its padding cannot be determined."),
        };
    }

    private static long[] SamePadding(Convolution conv)
    {
        var total = new long[2];
        for (var d = 0; d < 2; d++)
        {
            total[d] = conv.dilation[d] * (conv.kernel_size[d] - 1);
        }
        return [total[0] / 2, total[1] / 2, total[0] - total[0] / 2, total[1] - total[1] / 2];
    }
}
