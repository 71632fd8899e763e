using ScalarSafe = QGan.MLNet.Trainers.Runtime.ScalarSafe;
using TorchSharp;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Tests.Runtime;

/// <summary>The scalar-safe optimizers are drop-in replacements: the same parameters and saved state, bit for bit.</summary>
public sealed class ScalarSafeOptimizerTests
{
    public static TheoryData<string, double, bool, bool> AdamVariants => new()
    {
        { "adam", 0, false, false },
        { "adam", 0.05, true, false },
        { "adam", 0, false, true },
        { "adamw", 0.01, false, false },
        { "adamw", 0.1, true, true },
    };

    [Theory]
    [MemberData(nameof(AdamVariants))]
    public void Steps_give_the_parameters_and_saved_state_of_torchsharps_optimizer_bit_for_bit(string kind, double weightDecay, bool amsgrad, bool maximize)
    {
        using var reference = Model();
        using var safe = Model();
        using var referenceOptimizer = kind == "adam"
            ? (optim.Optimizer)optim.Adam(reference.parameters(), 0.01, 0.8, 0.95, 1e-6, weightDecay, amsgrad, maximize)
            : optim.AdamW(reference.parameters(), 0.01, 0.8, 0.95, 1e-6, weightDecay, amsgrad, maximize);
        using var safeOptimizer = kind == "adam"
            ? (optim.Optimizer)new ScalarSafe.Adam(safe.parameters(), 0.01, 0.8, 0.95, 1e-6, weightDecay, amsgrad, maximize)
            : new ScalarSafe.AdamW(safe.parameters(), 0.01, 0.8, 0.95, 1e-6, weightDecay, amsgrad, maximize);

        for (int step = 0; step < 30; step++)
        {
            Step(reference, referenceOptimizer, step);
            Step(safe, safeOptimizer, step);
        }

        var expected = Parameters(reference);
        Assert.Equal(expected, Parameters(safe));
        Assert.NotEqual(Parameters(Model()), expected); // the steps moved the parameters
        Assert.Equal(SavedState(referenceOptimizer), SavedState(safeOptimizer));
    }

    [Fact]
    public void A_state_saved_by_torchsharps_adam_resumes_in_the_scalar_safe_one_exactly()
    {
        using var straight = Model();
        using var straightOptimizer = optim.Adam(straight.parameters(), 0.02);
        using var resumed = Model();
        using var firstOptimizer = optim.Adam(resumed.parameters(), 0.02);
        for (int step = 0; step < 10; step++)
        {
            Step(straight, straightOptimizer, step);
            Step(resumed, firstOptimizer, step);
        }
        using var secondOptimizer = new ScalarSafe.Adam(resumed.parameters(), 0.02);
        using (var reader = new BinaryReader(new MemoryStream(SavedState(firstOptimizer))))
        {
            secondOptimizer.load_state_dict(reader);
        }

        for (int step = 10; step < 20; step++)
        {
            Step(straight, straightOptimizer, step);
            Step(resumed, secondOptimizer, step);
        }

        Assert.Equal(Parameters(straight), Parameters(resumed));
    }

    /// <summary>A two-layer network with fixed weights (the same for every call).</summary>
    private static nn.Module<Tensor, Tensor> Model()
    {
        var model = nn.Sequential(("a", nn.Linear(5, 7)), ("act", nn.Tanh()), ("b", nn.Linear(7, 2)));
        using var generator = new torch.Generator(11);
        using var noGrad = torch.no_grad();
        foreach (var p in model.parameters())
        {
            p.uniform_(-0.5, 0.5, generator);
        }
        return model;
    }

    /// <summary>One step on a loss that depends on the step (so the gradients change from step to step).</summary>
    private static void Step(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, int step)
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator((ulong)(100 + step));
        var x = torch.randn([8, 5], generator: generator);
        var target = torch.randn([8, 2], generator: generator);
        var loss = nn.functional.mse_loss(model.forward(x), target);
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
    }

    private static float[] Parameters(nn.Module model)
    {
        using var scope = torch.NewDisposeScope();
        return model.parameters().SelectMany(p => p.detach().data<float>().ToArray()).ToArray();
    }

    private static byte[] SavedState(optim.Optimizer optimizer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            ((TorchSharp.Modules.OptimizerHelper)optimizer).save_state_dict(writer);
        }
        return stream.ToArray();
    }
}
