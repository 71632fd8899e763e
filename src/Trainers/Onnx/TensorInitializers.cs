using QGan.MLNet.Transforms.Onnx;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Onnx;

/// <summary>TorchSharp parameters as ONNX initializers (the graph builder itself knows no TorchSharp).</summary>
public static class TensorInitializers
{
    /// <summary>Adds a float32 initializer holding a copy of <paramref name="tensor"/> (detached, on the CPU).</summary>
    /// <returns>The initializer's unique name.</returns>
    public static string AddInitializer(this OnnxGraphBuilder builder, string nameHint, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.dtype != ScalarType.Float32)
        {
            throw new NotSupportedException(
                $"Parameter '{nameHint}' has dtype {tensor.dtype}; the exporter writes float32 models only.");
        }
        float[] values;
        // The scope holds the intermediate tensors until the chain has finished (see docs/gan-training.md).
        using (NewDisposeScope())
        {
            values = tensor.detach().cpu().contiguous().data<float>().ToArray();
        }
        return builder.AddFloatInitializer(nameHint, tensor.shape, values);
    }
}
