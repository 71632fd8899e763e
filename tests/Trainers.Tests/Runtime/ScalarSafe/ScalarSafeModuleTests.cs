using ScalarSafe = QGan.MLNet.Trainers.Runtime.ScalarSafe;
using TorchSharp;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Tests.Runtime;

/// <summary>The scalar-safe layers compute exactly what TorchSharp's LeakyReLU and BatchNorm compute.</summary>
public sealed class ScalarSafeModuleTests
{
    [Fact]
    public void LeakyReLU_forward_and_gradient_equal_torchsharps_bit_for_bit()
    {
        using var scope = torch.NewDisposeScope();
        using var reference = nn.LeakyReLU(0.2);
        using var safe = new ScalarSafe.LeakyReLU(0.2);
        var input = torch.linspace(-3, 3, 61);
        var x1 = input.clone().requires_grad_(true);
        var x2 = input.clone().requires_grad_(true);

        var y1 = reference.forward(x1);
        var y2 = safe.forward(x2);
        y1.sum().backward();
        y2.sum().backward();

        Assert.Equal(y1.data<float>().ToArray(), y2.data<float>().ToArray());
        Assert.Equal(x1.grad!.data<float>().ToArray(), x2.grad!.data<float>().ToArray());
        Assert.Equal(-0.6f, y2[0].item<float>(), 6); // 0.2 * -3
        Assert.Equal(0.2, safe.NegativeSlope);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void BatchNorm_training_and_inference_equal_torchsharps_with_the_same_state_dictionary(int dimensions)
    {
        using var reference = dimensions == 1 ? (nn.Module<Tensor, Tensor>)nn.BatchNorm1d(6) : nn.BatchNorm2d(6);
        using var safe = dimensions == 1 ? (nn.Module<Tensor, Tensor>)new ScalarSafe.BatchNorm1d(6) : new ScalarSafe.BatchNorm2d(6);
        long[] shape = dimensions == 1 ? [10, 6] : [4, 6, 3, 3];
        using var generator = new torch.Generator(3);

        for (int batch = 0; batch < 5; batch++)
        {
            using var scope = torch.NewDisposeScope();
            var x = torch.randn(shape, generator: generator) * (batch + 1);
            Assert.Equal(reference.forward(x).data<float>().ToArray(), safe.forward(x).data<float>().ToArray());
        }
        reference.eval();
        safe.eval();
        using (var scope = torch.NewDisposeScope())
        {
            var x = torch.randn(shape, generator: generator);
            Assert.Equal(reference.forward(x).data<float>().ToArray(), safe.forward(x).data<float>().ToArray());
        }

        var expected = reference.state_dict();
        var actual = safe.state_dict();
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.Equal(5L, actual["num_batches_tracked"].item<long>());
        foreach (var key in expected.Keys)
        {
            Assert.Equal(expected[key].to_type(ScalarType.Float64).data<double>().ToArray(), actual[key].to_type(ScalarType.Float64).data<double>().ToArray());
        }
        var wrongRank = Assert.Throws<ArgumentException>(() => safe.forward(torch.zeros(dimensions == 1 ? [2, 6, 3, 3] : [2, 6])));
        Assert.Contains("input", wrongRank.Message);
    }
}
