using QGan.MLNet.Trainers.Runtime;

namespace QGan.MLNet.Trainers.Tests.Runtime;

public sealed class TorchSmokeTestTests
{
    [Fact]
    public void Backward_of_sum_of_squares_gives_twice_the_input()
    {
        var result = TorchSmokeTest.Run();

        Assert.Equal(new[] { 2f, 4f, 6f }, result.Gradient);
        Assert.StartsWith("2.10", result.LibTorchVersion);
    }
}
