using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace QGan.MLNet.Trainers.Features.Inception;

/// <summary>
/// pytorch-fid's FID Inception-v3 (<c>fid_inception_v3()</c> in its <c>inception.py</c>): torchvision's Inception-v3
/// with 1008 classes, no auxiliary classifier, and pytorch-fid's FIDInceptionA / C / E_1 / E_2 blocks, the port of
/// the TensorFlow graph that FID is defined with (<c>pt_inception-2015-12-05-6726825d.pth</c>). Child names follow
/// torchvision, so <see cref="Module.state_dict"/> has the 566 keys of that weights file (load them with
/// <see cref="FidInceptionWeights.Load"/>).
/// <para>
/// <see cref="forward"/> is pytorch-fid's <c>InceptionV3</c> wrapper without its resize and scaling: input
/// [N, 3, 299, 299] already in [-1, 1], output the 2048 pool-3 features [N, 2048]. <see cref="ForwardBlocks"/> gives
/// the wrapper's four blocks. <c>fc</c> (2048 -&gt; 1008) is kept so the weights load as they are; FID does not use it.
/// </para>
/// </summary>
public sealed class FidInceptionV3 : Module<Tensor, Tensor>
{
    /// <summary>Input side: images are resized to 299 x 299.</summary>
    public const int InputSize = 299;

    /// <summary>Input channels (R, G, B).</summary>
    public const int InputChannels = 3;

    /// <summary>Pool-3 feature length.</summary>
    public const int FeatureDimension = 2048;

    /// <summary>Classes of the TensorFlow graph's classifier (1000 ImageNet classes plus 8 unused).</summary>
    public const int ClassCount = 1008;

    private readonly List<(string Name, Module<Tensor, Tensor> Module)> _children = [];
    private readonly Linear _fc;

    /// <summary>The network with freshly initialised weights (load pytorch-fid's weights into it).</summary>
    public FidInceptionV3() : base(nameof(FidInceptionV3))
    {
        Add("Conv2d_1a_3x3", new BasicConv2d(3, 32, 3, stride: 2));
        Add("Conv2d_2a_3x3", new BasicConv2d(32, 32, 3));
        Add("Conv2d_2b_3x3", new BasicConv2d(32, 64, 3, padding: 1));
        Add("maxpool1", MaxPool2d(3, stride: 2));
        Add("Conv2d_3b_1x1", new BasicConv2d(64, 80, 1));
        Add("Conv2d_4a_3x3", new BasicConv2d(80, 192, 3));
        Add("maxpool2", MaxPool2d(3, stride: 2));
        Add("Mixed_5b", InceptionBlock.FidA(192, poolFeatures: 32));
        Add("Mixed_5c", InceptionBlock.FidA(256, poolFeatures: 64));
        Add("Mixed_5d", InceptionBlock.FidA(288, poolFeatures: 64));
        Add("Mixed_6a", InceptionBlock.B(288));
        Add("Mixed_6b", InceptionBlock.FidC(768, channels7x7: 128));
        Add("Mixed_6c", InceptionBlock.FidC(768, channels7x7: 160));
        Add("Mixed_6d", InceptionBlock.FidC(768, channels7x7: 160));
        Add("Mixed_6e", InceptionBlock.FidC(768, channels7x7: 192));
        Add("Mixed_7a", InceptionBlock.D(768));
        Add("Mixed_7b", InceptionBlock.FidE(1280, maxPool: false));
        Add("Mixed_7c", InceptionBlock.FidE(2048, maxPool: true));
        Add("avgpool", AdaptiveAvgPool2d((1, 1)));
        _fc = Linear(FeatureDimension, ClassCount);
        register_module("fc", _fc);
        Blocks =
        [
            Range("Conv2d_1a_3x3", "maxpool1"),
            Range("Conv2d_3b_1x1", "maxpool2"),
            Range("Mixed_5b", "Mixed_6e"),
            Range("Mixed_7a", "avgpool"),
        ];
    }

    /// <summary>
    /// pytorch-fid's four output blocks, as named child modules: 0 = stem up to the first max pool
    /// ([N, 64, 73, 73]), 1 = up to the second max pool ([N, 192, 35, 35]), 2 = Mixed_5b..Mixed_6e ([N, 768, 17, 17]),
    /// 3 = Mixed_7a..7c and the global average pool ([N, 2048, 1, 1]).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<(string Name, Module<Tensor, Tensor> Module)>> Blocks { get; }

    /// <summary>The 1008-class classifier on the pool-3 features (not used for FID).</summary>
    public Linear Classifier => _fc;

    /// <summary>Images [N, 3, 299, 299] in [-1, 1] -&gt; pool-3 features [N, 2048].</summary>
    public override Tensor forward(Tensor input)
    {
        var blocks = ForwardBlocks(input);
        try
        {
            return blocks[^1].flatten(1);
        }
        finally
        {
            Array.ForEach(blocks, b => b.Dispose());
        }
    }

    /// <summary>
    /// The outputs of blocks 0..<paramref name="lastBlock"/> (pytorch-fid's <c>output_blocks</c>, without its resize
    /// and scaling): input [N, 3, H, W] in [-1, 1]. The caller disposes the tensors.
    /// </summary>
    public Tensor[] ForwardBlocks(Tensor input, int lastBlock = 3)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegative(lastBlock);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lastBlock, Blocks.Count - 1);
        if (input.dim() != 4 || input.shape[1] != InputChannels)
        {
            throw new ArgumentException($"Expected images [N, {InputChannels}, H, W], got [{string.Join(", ", input.shape)}].", nameof(input));
        }
        var outputs = new Tensor[lastBlock + 1];
        var x = input;
        for (var b = 0; b <= lastBlock; b++)
        {
            var steps = Blocks[b];
            for (var i = 0; i < steps.Count; i++)
            {
                var next = steps[i].Module.forward(x);
                if (i > 0)
                {
                    // An intermediate of this block; the block's input is the caller's or an earlier block's output.
                    x.Dispose();
                }
                x = next;
            }
            outputs[b] = x;
        }
        return outputs;
    }

    private void Add(string name, Module<Tensor, Tensor> module)
    {
        register_module(name, module);
        _children.Add((name, module));
    }

    private (string, Module<Tensor, Tensor>)[] Range(string first, string last)
    {
        var start = _children.FindIndex(c => c.Name == first);
        var end = _children.FindIndex(c => c.Name == last);
        return _children.GetRange(start, end - start + 1).ToArray();
    }

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
            _children.ForEach(c => c.Module.Dispose());
            _fc.Dispose();
        }
        base.Dispose(disposing);
    }
}
