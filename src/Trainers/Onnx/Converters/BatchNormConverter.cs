using QGan.MLNet.Transforms.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;
using ScalarSafe = QGan.MLNet.Trainers.Runtime.ScalarSafe;

namespace QGan.MLNet.Trainers.Onnx.Converters;

/// <summary>
/// BatchNorm1d/2d (TorchSharp's or the scalar-safe ones) in eval mode -> BatchNormalization with the running statistics. The same node covers
/// [N, C] and [N, C, H, W] inputs (ONNX normalises over axis 1 in both cases).
/// </summary>
internal static class BatchNormConverter
{
    public static void Register(OnnxConverterRegistry registry)
    {
        registry.Register<BatchNorm1d>(Export);
        registry.Register<BatchNorm2d>(Export);
        registry.Register<ScalarSafe.BatchNorm1d>(Export);
        registry.Register<ScalarSafe.BatchNorm2d>(Export);
    }

    private static OnnxValue Export(OnnxExportContext context, nn.Module module, string path, OnnxValue input)
    {
        var norm = (BatchNorm)module;
        var twoDimensional = module is BatchNorm2d or ScalarSafe.BatchNorm2d;
        var expectedRank = twoDimensional ? 4 : input.Rank;
        if (input.Rank < 2 || input.Rank != expectedRank || (!twoDimensional && input.Rank > 3) || input.Shape[1] != norm.num_features)
        {
            throw new UnsupportedModuleException(path, module.GetType(),
                $"normalises {norm.num_features} features but receives {input}.");
        }
        if (norm.running_mean is not { } mean || norm.running_var is not { } variance)
        {
            throw new UnsupportedModuleException(path, module.GetType(),
                "has no running statistics (track_running_stats = false), so it normalises with batch statistics at inference, which ONNX inference cannot express.");
        }
        var builder = context.Builder;
        var scale = norm.affine
            ? builder.AddInitializer($"{path}.weight", norm.weight)
            : builder.AddFloatInitializer($"{path}.weight", [norm.num_features], Filled(norm.num_features, 1f));
        var shift = norm.affine && norm.bias is { } bias
            ? builder.AddInitializer($"{path}.bias", bias)
            : builder.AddFloatInitializer($"{path}.bias", [norm.num_features], Filled(norm.num_features, 0f));
        var output = builder.AddNode("BatchNormalization", path,
            [input.Name, scale, shift, builder.AddInitializer($"{path}.running_mean", mean), builder.AddInitializer($"{path}.running_var", variance)],
            OnnxAttributes.Float("epsilon", (float)norm.eps),
            OnnxAttributes.Float("momentum", (float)(1.0 - (norm.momentum ?? 0.1))));
        return new OnnxValue(output, input.Shape);
    }

    private static float[] Filled(long count, float value)
    {
        var values = new float[count];
        Array.Fill(values, value);
        return values;
    }
}
