using QGan.MLNet.Trainers.Onnx;
using TorchSharp.Modules;
using static QGan.MLNet.Trainers.Tests.Onnx.OnnxTestHelpers;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace QGan.MLNet.Trainers.Tests.Onnx;

/// <summary>The pooling converters compute what TorchSharp computes, including average pools that exclude padding.</summary>
public sealed class PoolingConvertersTests
{
    private static void AssertParity(Module<Tensor, Tensor> module, long[] inputShape, int[] expectedShape)
    {
        var bytes = new OnnxModuleExporter().ExportBytes(module, new OnnxExportOptions
        {
            InputName = "x",
            InputShape = inputShape[1..],
            OutputName = "y",
        });
        var count = (int)inputShape.Aggregate(1L, (a, b) => a * b);
        var input = RandomInput(count, seed: count, low: -1f, high: 1f);

        var expected = RunTorch(module, input, inputShape);
        var (actual, shape) = RunOnnx(bytes, "x", input, inputShape.Select(d => (int)d).ToArray());

        Assert.Equal(expectedShape, shape);
        Assert.True(MaxAbsDifference(expected, actual) < 1e-6, $"max |diff| = {MaxAbsDifference(expected, actual)}");
    }

    [Fact]
    public void Max_pool_with_stride_and_padding_matches_torchsharp() =>
        AssertParity(MaxPool2d(3, stride: 2, padding: 1), [2, 3, 9, 8], [2, 3, 5, 4]);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Average_pool_with_padding_matches_torchsharp_with_and_without_the_padded_zeros(bool countIncludePad)
    {
        using var pool = AvgPool2d((3, 3), stride: (1, 1), padding: (1, 1), count_include_pad: countIncludePad);
        AssertParity(pool, [2, 4, 5, 6], [2, 4, 5, 6]);

        // The two conventions differ at the border, so the flag really reaches the graph.
        using var corner = ones(1, 1, 3, 3);
        var value = pool.forward(corner)[0, 0, 0, 0].item<float>();
        Assert.Equal(countIncludePad ? 4f / 9f : 1f, value, 6);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    public void Adaptive_average_pool_to_an_even_division_matches_torchsharp(int height, int width) =>
        AssertParity(AdaptiveAvgPool2d((height, width)), [2, 5, 4, 6], [2, 5, height, width]);

    [Fact]
    public void Uneven_adaptive_pools_and_ceil_mode_are_refused_naming_the_module()
    {
        var exporter = new OnnxModuleExporter();
        var options = new OnnxExportOptions { InputName = "x", InputShape = [3, 5, 5], OutputName = "y" };

        var uneven = Assert.Throws<UnsupportedModuleException>(() => exporter.Export(Sequential(("pool", AdaptiveAvgPool2d((2, 2)))), options));
        var ceil = Assert.Throws<UnsupportedModuleException>(() => exporter.Export(Sequential(("pool", MaxPool2d(2, ceil_mode: true))), options));

        Assert.Equal("pool", uneven.ModulePath);
        Assert.Contains("unequal windows", uneven.Message);
        Assert.Contains("ceil_mode = true is not exported", ceil.Message);
    }
}
