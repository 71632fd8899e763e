using QGan.MLNet.Transforms.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;
using ScalarSafe = QGan.MLNet.Trainers.Runtime.ScalarSafe;

namespace QGan.MLNet.Trainers.Onnx.Converters;

/// <summary>Element-wise activations: ReLU, LeakyReLU and ScalarSafe.LeakyReLU (alpha = negative slope), Tanh, Sigmoid.</summary>
internal static class ActivationConverters
{
    public static void Register(OnnxConverterRegistry registry)
    {
        registry.Register<ReLU>((c, _, p, x) => Unary(c, "Relu", p, x));
        registry.Register<Tanh>((c, _, p, x) => Unary(c, "Tanh", p, x));
        registry.Register<Sigmoid>((c, _, p, x) => Unary(c, "Sigmoid", p, x));
        registry.Register<LeakyReLU>((c, m, p, x) =>
            Unary(c, "LeakyRelu", p, x, OnnxAttributes.Float("alpha", (float)((LeakyReLU)m).negative_slope)));
        registry.Register<ScalarSafe.LeakyReLU>((c, m, p, x) =>
            Unary(c, "LeakyRelu", p, x, OnnxAttributes.Float("alpha", (float)((ScalarSafe.LeakyReLU)m).NegativeSlope)));
    }

    private static OnnxValue Unary(OnnxExportContext context, string opType, string path, OnnxValue input, params Transforms.Onnx.Proto.AttributeProto[] attributes) =>
        new(context.Builder.AddNode(opType, path, [input.Name], attributes), input.Shape);
}
