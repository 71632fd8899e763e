using QGan.MLNet.Transforms.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Onnx.Converters;

/// <summary>
/// Linear -> Gemm(x, W, b, transB=1) for [N, in] inputs (TorchSharp keeps W as [out, in], so no transpose is
/// stored); for higher ranks MatMul with the transposed weight plus Add, which broadcasts like torch does.
/// </summary>
internal static class LinearConverter
{
    public static void Register(OnnxConverterRegistry registry) => registry.Register<Linear>(Export);

    private static OnnxValue Export(OnnxExportContext context, nn.Module module, string path, OnnxValue input)
    {
        var linear = (Linear)module;
        if (input.Rank < 2 || input.Shape[^1] != linear.in_features)
        {
            throw new UnsupportedModuleException(path, module.GetType(),
                $"expects [..., {linear.in_features}] but receives {input}.");
        }
        long[] shape = [.. input.Shape[..^1], linear.out_features];
        var builder = context.Builder;
        if (input.Rank == 2)
        {
            var inputs = new List<string> { input.Name, builder.AddInitializer($"{path}.weight", linear.weight) };
            if (linear.bias is { } bias)
            {
                inputs.Add(builder.AddInitializer($"{path}.bias", bias));
            }
            var gemm = builder.AddNode("Gemm", path, inputs,
                OnnxAttributes.Float("alpha", 1f), OnnxAttributes.Float("beta", 1f), OnnxAttributes.Int("transB", 1));
            return new OnnxValue(gemm, shape);
        }

        string transposedWeight;
        // The scope holds the detached weight until its transpose has been copied (see docs/gan-training.md).
        using (NewDisposeScope())
        {
            transposedWeight = builder.AddInitializer($"{path}.weight_t", linear.weight.detach().t());
        }
        var product = builder.AddNode("MatMul", path, [input.Name, transposedWeight]);
        if (linear.bias is not { } b)
        {
            return new OnnxValue(product, shape);
        }
        var sum = builder.AddNode("Add", path, [product, builder.AddInitializer($"{path}.bias", b)]);
        return new OnnxValue(sum, shape);
    }
}
