using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace QGan.MLNet.Trainers.Features.Inception;

/// <summary>
/// One Inception block (a "Mixed" layer): parallel branches whose outputs are concatenated along the channels.
/// The branches are data (<see cref="Branches"/>), read by both <see cref="forward"/> and the ONNX converter, so
/// the exported graph computes what the module computes. Child names are torchvision's (<c>branch1x1</c>,
/// <c>branch3x3dbl_2</c>, ...), so the state-dict keys are those of pytorch-fid's weights file; the pooling steps
/// have no weights (<c>pool</c>).
/// </summary>
public sealed class InceptionBlock : Module<Tensor, Tensor>
{
    private readonly List<Module<Tensor, Tensor>> _owned = [];

    private InceptionBlock(InceptionBlockKind kind, long inChannels, IReadOnlyList<InceptionBranch> branches) : base($"Inception{kind}")
    {
        Kind = kind;
        InChannels = inChannels;
        Branches = branches;
        foreach (var step in branches.SelectMany(b => b.Chain.Concat(b.Fork)))
        {
            if (!_owned.Contains(step.Module))
            {
                register_module(step.Name, step.Module);
                _owned.Add(step.Module);
            }
        }
    }

    /// <summary>Which of the Inception block layouts this is.</summary>
    public InceptionBlockKind Kind { get; }

    /// <summary>Channels of the block's input.</summary>
    public long InChannels { get; }

    /// <summary>The branches in concatenation order.</summary>
    public IReadOnlyList<InceptionBranch> Branches { get; }

    /// <summary>pytorch-fid's <c>FIDInceptionA(in_channels, pool_features)</c>: 64 + 64 + 96 + pool_features channels.</summary>
    public static InceptionBlock FidA(long inChannels, long poolFeatures) => new(InceptionBlockKind.FidA, inChannels,
    [
        new(Step("branch1x1", new BasicConv2d(inChannels, 64, 1))),
        new(Step("branch5x5_1", new BasicConv2d(inChannels, 48, 1)), Step("branch5x5_2", new BasicConv2d(48, 64, 5, padding: 2))),
        new(Step("branch3x3dbl_1", new BasicConv2d(inChannels, 64, 1)), Step("branch3x3dbl_2", new BasicConv2d(64, 96, 3, padding: 1)),
            Step("branch3x3dbl_3", new BasicConv2d(96, 96, 3, padding: 1))),
        new(AveragePoolExcludingPadding(), Step("branch_pool", new BasicConv2d(inChannels, poolFeatures, 1))),
    ]);

    /// <summary>torchvision's <c>InceptionB(in_channels)</c>: 384 + 96 + in_channels channels at half the resolution.</summary>
    public static InceptionBlock B(long inChannels) => new(InceptionBlockKind.B, inChannels,
    [
        new(Step("branch3x3", new BasicConv2d(inChannels, 384, 3, stride: 2))),
        new(Step("branch3x3dbl_1", new BasicConv2d(inChannels, 64, 1)), Step("branch3x3dbl_2", new BasicConv2d(64, 96, 3, padding: 1)),
            Step("branch3x3dbl_3", new BasicConv2d(96, 96, 3, stride: 2))),
        new(Step("pool", MaxPool2d(3, stride: 2))),
    ]);

    /// <summary>pytorch-fid's <c>FIDInceptionC(in_channels, channels_7x7)</c>: 4 x 192 channels.</summary>
    public static InceptionBlock FidC(long inChannels, long channels7x7)
    {
        var c7 = channels7x7;
        return new(InceptionBlockKind.FidC, inChannels,
        [
            new(Step("branch1x1", new BasicConv2d(inChannels, 192, 1))),
            new(Step("branch7x7_1", new BasicConv2d(inChannels, c7, 1)), Step("branch7x7_2", Conv1x7(c7, c7)), Step("branch7x7_3", Conv7x1(c7, 192))),
            new(Step("branch7x7dbl_1", new BasicConv2d(inChannels, c7, 1)), Step("branch7x7dbl_2", Conv7x1(c7, c7)),
                Step("branch7x7dbl_3", Conv1x7(c7, c7)), Step("branch7x7dbl_4", Conv7x1(c7, c7)), Step("branch7x7dbl_5", Conv1x7(c7, 192))),
            new(AveragePoolExcludingPadding(), Step("branch_pool", new BasicConv2d(inChannels, 192, 1))),
        ]);
    }

    /// <summary>torchvision's <c>InceptionD(in_channels)</c>: 320 + 192 + in_channels channels at half the resolution.</summary>
    public static InceptionBlock D(long inChannels) => new(InceptionBlockKind.D, inChannels,
    [
        new(Step("branch3x3_1", new BasicConv2d(inChannels, 192, 1)), Step("branch3x3_2", new BasicConv2d(192, 320, 3, stride: 2))),
        new(Step("branch7x7x3_1", new BasicConv2d(inChannels, 192, 1)), Step("branch7x7x3_2", Conv1x7(192, 192)),
            Step("branch7x7x3_3", Conv7x1(192, 192)), Step("branch7x7x3_4", new BasicConv2d(192, 192, 3, stride: 2))),
        new(Step("pool", MaxPool2d(3, stride: 2))),
    ]);

    /// <summary>
    /// pytorch-fid's <c>FIDInceptionE_1</c> (<paramref name="maxPool"/> false: average pool excluding padding) or
    /// <c>FIDInceptionE_2</c> (true: 3x3 stride-1 max pool): 320 + 768 + 768 + 192 = 2048 channels.
    /// </summary>
    public static InceptionBlock FidE(long inChannels, bool maxPool)
    {
        var pool = maxPool ? Step("pool", MaxPool2d(3, stride: 1, padding: 1)) : AveragePoolExcludingPadding();
        return new(maxPool ? InceptionBlockKind.FidE2 : InceptionBlockKind.FidE1, inChannels,
        [
            new(Step("branch1x1", new BasicConv2d(inChannels, 320, 1))),
            new([Step("branch3x3_1", new BasicConv2d(inChannels, 384, 1))],
                [Step("branch3x3_2a", Conv1x3(384, 384)), Step("branch3x3_2b", Conv3x1(384, 384))]),
            new([Step("branch3x3dbl_1", new BasicConv2d(inChannels, 448, 1)), Step("branch3x3dbl_2", new BasicConv2d(448, 384, 3, padding: 1))],
                [Step("branch3x3dbl_3a", Conv1x3(384, 384)), Step("branch3x3dbl_3b", Conv3x1(384, 384))]),
            new(pool, Step("branch_pool", new BasicConv2d(inChannels, 192, 1))),
        ]);
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        var outputs = new List<Tensor>(Branches.Count);
        try
        {
            foreach (var branch in Branches)
            {
                outputs.Add(Apply(branch, input));
            }
            return cat(outputs, 1);
        }
        finally
        {
            outputs.ForEach(o => o.Dispose());
        }
    }

    private static Tensor Apply(InceptionBranch branch, Tensor input)
    {
        var x = input;
        foreach (var step in branch.Chain)
        {
            var next = step.Module.forward(x);
            if (!ReferenceEquals(x, input))
            {
                x.Dispose();
            }
            x = next;
        }
        if (branch.Fork.Count == 0)
        {
            return x;
        }
        var parts = branch.Fork.Select(step => step.Module.forward(x)).ToList();
        try
        {
            return cat(parts, 1);
        }
        finally
        {
            parts.ForEach(p => p.Dispose());
            if (!ReferenceEquals(x, input))
            {
                x.Dispose();
            }
        }
    }

    // TensorFlow's average pool divides by the number of real pixels under the window (pytorch-fid's patch).
    private static InceptionStep AveragePoolExcludingPadding() =>
        Step("pool", AvgPool2d((3, 3), stride: (1, 1), padding: (1, 1), count_include_pad: false));

    private static BasicConv2d Conv1x7(long inChannels, long outChannels) => new(inChannels, outChannels, (1, 7), padding: (0, 3));

    private static BasicConv2d Conv7x1(long inChannels, long outChannels) => new(inChannels, outChannels, (7, 1), padding: (3, 0));

    private static BasicConv2d Conv1x3(long inChannels, long outChannels) => new(inChannels, outChannels, (1, 3), padding: (0, 1));

    private static BasicConv2d Conv3x1(long inChannels, long outChannels) => new(inChannels, outChannels, (3, 1), padding: (1, 0));

    private static InceptionStep Step(string name, Module<Tensor, Tensor> module) => new(name, module);

    /// <summary>
    /// Children are registered explicitly under torchvision's names (the state-dict contract); TorchSharp's default
    /// would also register every module field under its C# name.
    /// </summary>
    protected override void RegisterComponents()
    {
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _owned.ForEach(m => m.Dispose());
        }
        base.Dispose(disposing);
    }
}
