using QGan.MLNet.Trainers.Gan.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Tests.Gan;

public sealed class ModelCapacityTests
{
    [Fact]
    public void Critic_capacity_is_the_analytic_count_of_its_layers()
    {
        using var critic = new Critic(24, [64, 32]);

        // (24 + 1) * 64 + (64 + 1) * 32 + (32 + 1) * 1
        Assert.Equal(3713, critic.ParameterCount);
        Assert.Equal(3713, MlpCapacity.Count(24, [64, 32], 1));
    }

    [Theory]
    [InlineData(12, new int[0], 24, 13 * 24)]
    [InlineData(12, new[] { 16 }, 24, 13 * 16 + 17 * 24)]
    [InlineData(8, new[] { 32, 32, 8 }, 24, 9 * 32 + 33 * 32 + 33 * 8 + 9 * 24)]
    public void Classical_generator_capacity_matches_the_analytic_count(int noise, int[] hidden, int outputs, long expected)
    {
        using var generator = new ClassicalGenerator(noise, hidden, outputs);

        Assert.Equal(expected, generator.ParameterCount);
        Assert.Equal(expected, MlpCapacity.Count(noise, hidden, outputs));
    }

    [Fact]
    public void Classical_generator_output_is_tanh_bounded_and_critic_is_unbounded_score_per_row()
    {
        torch.manual_seed(0);
        using var scope = torch.NewDisposeScope();
        using var generator = new ClassicalGenerator(4, [8], 6);
        using var critic = new Critic(6, [8]);
        var noise = torch.randn(5, 4) * 100; // saturates the tanh

        var latents = generator.forward(noise);
        var scores = critic.forward(latents);

        Assert.Equal(new long[] { 5, 6 }, latents.shape);
        Assert.Equal(new long[] { 5 }, scores.shape);
        Assert.True(latents.abs().max().item<float>() <= 1f);
    }

    [Fact]
    public void Critic_uses_leaky_relu_with_the_configured_slope()
    {
        // One hidden unit, weights set by hand: score = w2 * leaky(w1 * x) with w1 = 1, w2 = 1, zero biases.
        using var critic = new Critic(1, [1], leakySlope: 0.2);
        using (torch.no_grad())
        {
            foreach (var (name, p) in critic.named_parameters())
            {
                p.copy_(name.EndsWith("weight") ? torch.ones_like(p) : torch.zeros_like(p));
            }
        }
        using var scope = torch.NewDisposeScope();

        var scores = critic.forward(torch.tensor(new[] { -2f, 3f }, [2, 1])).data<float>().ToArray();

        Assert.Equal(-0.4f, scores[0], 6);
        Assert.Equal(3f, scores[1], 6);
    }

    [Fact]
    public void Non_positive_hidden_width_is_rejected_naming_the_layer()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Critic(24, [64, 0]));
        Assert.Contains("hidden layer 1", ex.Message);
    }
}
