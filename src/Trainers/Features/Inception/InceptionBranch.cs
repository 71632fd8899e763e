using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Features.Inception;

/// <summary>A named child module of an Inception block (the name is its state-dict prefix).</summary>
public sealed record InceptionStep(string Name, nn.Module<Tensor, Tensor> Module);

/// <summary>
/// One branch of an Inception block: <see cref="Chain"/> applied in order, then, when <see cref="Fork"/> is not
/// empty, each fork step applied to the chain's output and the results concatenated along the channels (the
/// 1x3 / 3x1 pairs of the E blocks).
/// </summary>
public sealed record InceptionBranch(IReadOnlyList<InceptionStep> Chain, IReadOnlyList<InceptionStep> Fork)
{
    /// <summary>A branch without a fork: <paramref name="chain"/> in order.</summary>
    public InceptionBranch(params InceptionStep[] chain) : this(chain, []) { }
}
