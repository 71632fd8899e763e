namespace QGan.MLNet.Trainers.Features.Inception;

/// <summary>The Inception-v3 block types of pytorch-fid's FID Inception (torchvision's, with pytorch-fid's patches).</summary>
public enum InceptionBlockKind
{
    /// <summary>pytorch-fid's <c>FIDInceptionA</c> (Mixed_5b/c/d): 1x1, 5x5, double 3x3, 3x3 average pool excluding padding + 1x1.</summary>
    FidA,

    /// <summary>torchvision's <c>InceptionB</c> (Mixed_6a): stride-2 3x3, double 3x3, 3x3 stride-2 max pool.</summary>
    B,

    /// <summary>pytorch-fid's <c>FIDInceptionC</c> (Mixed_6b-e): 1x1, 1x7/7x1, double 7x1/1x7, average pool excluding padding + 1x1.</summary>
    FidC,

    /// <summary>torchvision's <c>InceptionD</c> (Mixed_7a): 1x1 + stride-2 3x3, 1x1 + 1x7 + 7x1 + stride-2 3x3, stride-2 max pool.</summary>
    D,

    /// <summary>pytorch-fid's <c>FIDInceptionE_1</c> (Mixed_7b): the E block with an average pool that excludes padding.</summary>
    FidE1,

    /// <summary>pytorch-fid's <c>FIDInceptionE_2</c> (Mixed_7c): the E block with a 3x3 max pool (as in TensorFlow's FID graph).</summary>
    FidE2,
}
