using QGan.MLNet.Trainers.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using ScalarSafe = QGan.MLNet.Trainers.Runtime.ScalarSafe;

namespace QGan.MLNet.Trainers.Features;

/// <summary>
/// Small SAT-4 classifier whose penultimate layer is a feature space for FID/JSD. <see cref="Features"/> maps
/// <c>image</c> [N,4,28,28] in [0,1] to 128 ReLU features: three 3x3 stride-2 convolutions (4-&gt;32-&gt;64-&gt;64,
/// 28-&gt;14-&gt;7-&gt;4, each followed by BatchNorm and ReLU), flatten (1024) and Linear(1024-&gt;128) + ReLU.
/// <see cref="Classifier"/> is Linear(128-&gt;4) on top. Stride-2 convolutions replace pooling so every layer is one
/// the project's ONNX exporter converts, and the whole network stays under 200k parameters (&lt; 1 MB as ONNX).
/// </summary>
public sealed class Sat4FeatureNetwork : Module<Tensor, Tensor>
{
    /// <summary>Image channels (4).</summary>
    public const int InputChannels = 4;
    /// <summary>Image side (28).</summary>
    public const int ImageSize = 28;
    /// <summary>Features per image (the penultimate layer).</summary>
    public const int FeatureDimension = 128;
    /// <summary>Classes (4).</summary>
    public const int ClassCount = 4;

    private readonly Sequential features;
    private readonly Linear classifier;

    /// <summary>An untrained network.</summary>
    public Sat4FeatureNetwork() : base(nameof(Sat4FeatureNetwork))
    {
        features = Sequential(
            ("conv1", Conv2d(InputChannels, 32, kernel_size: 3, stride: 2, padding: 1)),
            ("bn1", new ScalarSafe.BatchNorm2d(32)),
            ("relu1", ReLU()),
            ("conv2", Conv2d(32, 64, kernel_size: 3, stride: 2, padding: 1)),
            ("bn2", new ScalarSafe.BatchNorm2d(64)),
            ("relu2", ReLU()),
            ("conv3", Conv2d(64, 64, kernel_size: 3, stride: 2, padding: 1)),
            ("bn3", new ScalarSafe.BatchNorm2d(64)),
            ("relu3", ReLU()),
            ("flatten", Flatten()),
            ("fc", Linear(64 * 4 * 4, FeatureDimension)),
            ("relu4", ReLU()));
        classifier = Linear(FeatureDimension, ClassCount);
        RegisterComponents();
    }

    /// <summary>image [N,4,28,28] -&gt; features [N,128] (the part exported as <c>features.onnx</c>).</summary>
    public Sequential Features => features;

    /// <summary>features [N,128] -&gt; class logits [N,4] (barren land, trees, grassland, none).</summary>
    public Linear Classifier => classifier;

    /// <summary>Trainable parameters.</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>
    /// Re-draws every convolution and linear weight and bias as PyTorch's default initialisation does
    /// (U(-1/sqrt(fan_in), 1/sqrt(fan_in))) from <paramref name="generator"/> rather than torch's global generator,
    /// so the initial weights depend on the seed alone. BatchNorm layers keep weight 1 and bias 0.
    /// </summary>
    public void ResetParameters(Generator generator) =>
        SeededInitialization.ResetDefault(features.children().Append(classifier), generator);

    /// <summary>image [N,4,28,28] -&gt; class logits [N,4].</summary>
    public override Tensor forward(Tensor input) => classifier.forward(features.forward(input));

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            features.Dispose();
            classifier.Dispose();
        }
        base.Dispose(disposing);
    }
}
