using QGan.MLNet.Transforms.Onnx;
using Microsoft.ML.OnnxRuntime;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Tests.Onnx;

internal static class OnnxTestHelpers
{
    /// <summary>
    /// Gives every BatchNorm non-trivial affine parameters and running statistics, so a converter that ignored
    /// them (or used batch statistics) would not match.
    /// </summary>
    public static void RandomizeBatchNorms(nn.Module module, long seed)
    {
        using var noGrad = no_grad();
        var generator = new Generator((ulong)seed);
        foreach (var (_, child) in module.named_modules())
        {
            if (child is BatchNorm bn)
            {
                var n = bn.num_features;
                bn.running_mean!.copy_(randn(n, generator: generator) * 0.5f);
                bn.running_var!.copy_(rand(n, generator: generator) + 0.5f);
                bn.weight.copy_(rand(n, generator: generator) + 0.5f);
                bn.bias!.copy_(randn(n, generator: generator) * 0.2f);
            }
        }
    }

    /// <summary>Runs the module in eval mode under no_grad and returns its output as floats.</summary>
    public static float[] RunTorch(nn.Module<Tensor, Tensor> module, float[] input, long[] shape)
    {
        module.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var x = tensor(input, shape);
        return module.forward(x).data<float>().ToArray();
    }

    public static (float[] Values, int[] Shape) RunOnnx(byte[] model, string inputName, float[] input, int[] shape)
    {
        using var session = new InferenceSession(model);
        var tensor = new DenseTensor(input, shape);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, tensor)]);
        var output = results.Single().AsTensor<float>();
        return (output.ToArray(), output.Dimensions.ToArray());
    }

    public static float[] RandomInput(int count, int seed, float low = 0f, float high = 1f)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = low + (high - low) * random.NextSingle();
        }
        return values;
    }

    public static double MaxAbsDifference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        var max = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        }
        return max;
    }
}
