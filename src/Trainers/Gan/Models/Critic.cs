using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using ScalarSafe = QGan.MLNet.Trainers.Runtime.ScalarSafe;

namespace QGan.MLNet.Trainers.Gan.Models;

/// <summary>
/// WGAN critic: MLP inputs -&gt; hidden widths (each Linear + LeakyReLU) -&gt; 1 (no output activation, the critic
/// is an unbounded score). No batch normalisation: the gradient penalty is per sample.
/// </summary>
public sealed class Critic : nn.Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    /// <summary>An MLP critic inputs -&gt; hidden layers (Linear + LeakyReLU) -&gt; 1; initialised from <paramref name="generator"/> when given.</summary>
    public Critic(int inputs, IReadOnlyList<int> hidden, double leakySlope = DefaultLeakySlope, ScalarType dtype = ScalarType.Float32, torch.Generator? generator = null)
        : base("Critic")
    {
        MlpCapacity.Validate(inputs, hidden, 1, "critic");
        if (!(leakySlope >= 0 && leakySlope < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(leakySlope), leakySlope, "LeakyReLU slope must be in [0, 1)");
        }
        Inputs = inputs;
        Hidden = hidden.ToArray();
        LeakySlope = leakySlope;
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        int previous = inputs;
        for (int i = 0; i < Hidden.Count; i++)
        {
            modules.Add(($"linear{i}", Layer(previous, Hidden[i], dtype, generator)));
            modules.Add(($"act{i}", new ScalarSafe.LeakyReLU(leakySlope)));
            previous = Hidden[i];
        }
        modules.Add(("out", Layer(previous, 1, dtype, generator)));
        layers = nn.Sequential(modules);
        RegisterComponents();
    }

    /// <summary>A Linear layer, re-initialised from <paramref name="generator"/> when given (same distribution as the default).</summary>
    internal static Linear Layer(int inputs, int outputs, ScalarType dtype, torch.Generator? generator)
    {
        var layer = nn.Linear(inputs, outputs, dtype: dtype);
        if (generator is not null)
        {
            ParameterInit.Reset(layer, generator);
        }
        return layer;
    }

    /// <summary>The default LeakyReLU slope (0.2).</summary>
    public const double DefaultLeakySlope = 0.2;

    /// <summary>Latent values per input row.</summary>
    public int Inputs { get; }

    /// <summary>Hidden widths.</summary>
    public IReadOnlyList<int> Hidden { get; }

    /// <summary>LeakyReLU slope.</summary>
    public double LeakySlope { get; }

    /// <summary>Trainable parameters, counted from the module itself.</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>[B, inputs] -&gt; [B] scores.</summary>
    public override Tensor forward(Tensor x) => layers.forward(x).squeeze(-1);
}
