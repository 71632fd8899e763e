using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using ScalarSafe = QGan.MLNet.Trainers.Runtime.ScalarSafe;

namespace QGan.MLNet.Trainers.Gan.Models;

/// <summary>
/// Classical generator: MLP noise -&gt; hidden widths (Linear + LeakyReLU) -&gt; outputs with tanh, matching the
/// autoencoder's tanh latent range [-1, 1].
/// </summary>
public sealed class ClassicalGenerator : nn.Module<Tensor, Tensor>, IGenerator
{
    private readonly Sequential layers;

    /// <summary>An MLP noise -&gt; hidden layers (Linear + LeakyReLU) -&gt; latent (Linear + Tanh); initialised from <paramref name="generator"/> when given.</summary>
    public ClassicalGenerator(int noiseDimension, IReadOnlyList<int> hidden, int outputs, double leakySlope = Critic.DefaultLeakySlope, ScalarType dtype = ScalarType.Float32, torch.Generator? generator = null)
        : base("ClassicalGenerator")
    {
        MlpCapacity.Validate(noiseDimension, hidden, outputs, "generator");
        NoiseDimension = noiseDimension;
        OutputDimension = outputs;
        Hidden = hidden.ToArray();
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        int previous = noiseDimension;
        for (int i = 0; i < Hidden.Count; i++)
        {
            modules.Add(($"linear{i}", Critic.Layer(previous, Hidden[i], dtype, generator)));
            modules.Add(($"act{i}", new ScalarSafe.LeakyReLU(leakySlope)));
            previous = Hidden[i];
        }
        modules.Add(("out", Critic.Layer(previous, outputs, dtype, generator)));
        modules.Add(("tanh", nn.Tanh()));
        layers = nn.Sequential(modules);
        RegisterComponents();
    }

    /// <summary>Noise values per sample.</summary>
    public int NoiseDimension { get; }

    /// <summary>Latent values per sample.</summary>
    public int OutputDimension { get; }

    /// <summary>Hidden widths.</summary>
    public IReadOnlyList<int> Hidden { get; }

    /// <summary>Trainable parameters.</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <inheritdoc/>
    public override Tensor forward(Tensor noise) => layers.forward(noise);
}
