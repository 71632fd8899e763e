using QGan.MLNet.Transforms.Onnx;
using QGan.MLNet.Transforms.Onnx.Proto;

namespace QGan.MLNet.Transforms.Features;

/// <summary>
/// The feature extractor's preprocessing as ONNX operators: flat CHW image rows <c>[N, C*H*W]</c> -&gt; <c>Reshape</c>
/// <c>[N, C, H, W]</c> -&gt; <c>Gather</c> of the selected bands -&gt; <c>Resize</c> (linear; coordinate mode
/// <c>pytorch_half_pixel</c>, i.e. torch's <c>align_corners=False</c>, or <c>align_corners</c>) -&gt; per-channel
/// <c>Mul</c> / <c>Add</c> (scale, offset) -&gt; <c>Transpose</c> to NHWC when the model wants channels last. Steps
/// that would do nothing are left out. <see cref="FeatureInputPreprocessor"/> is the C# reference the tests compare it with.
/// </summary>
internal static class FeaturePreprocessingGraph
{
    public const string InputName = "qgan_features_image";
    public const string OutputName = "qgan_features_model_input";

    public static ModelProto Build(OnnxFeatureExtractorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int c = options.SourceChannels, h = options.SourceHeight, w = options.SourceWidth;
        int th = options.TargetHeight ?? h, tw = options.TargetWidth ?? w;
        var bands = options.Bands.Select(b => (long)b).ToArray();
        var builder = new OnnxGraphBuilder();
        builder.Reserve(InputName);
        var ops = new OnnxOps(builder, "preprocess");

        var x = ops.Reshape(InputName, 0, c, h, w);
        if (!bands.SequenceEqual(Enumerable.Range(0, c).Select(i => (long)i)))
        {
            x = ops.Gather(x, ops.Int64s(bands), 1);
        }
        if (th != h || tw != w)
        {
            // Output sizes [N, C', H', W'] with the batch taken from the input (sizes, not scales: no rounding).
            var sizes = ops.Concat(0, ops.Node("Slice", ops.Node("Shape", x), ops.Int64s(0), ops.Int64s(2)), ops.Int64s(th, tw));
            x = ops.Node("Resize", [x, "", "", sizes],
                OnnxAttributes.String("mode", "linear"),
                OnnxAttributes.String("coordinate_transformation_mode", options.AlignCorners ? "align_corners" : "pytorch_half_pixel"));
        }
        var scale = PerChannel(options.Scale, bands.Length);
        var offset = PerChannel(options.Offset, bands.Length);
        if (scale.Any(v => v != 1f))
        {
            x = ops.Mul(x, ops.Floats("scale", [1, bands.Length, 1, 1], scale));
        }
        if (offset.Any(v => v != 0f))
        {
            x = ops.Add(x, ops.Floats("offset", [1, bands.Length, 1, 1], offset));
        }
        long[] sample = options.InputLayout == OnnxTensorLayout.Nhwc ? [th, tw, bands.Length] : [bands.Length, th, tw];
        x = options.InputLayout == OnnxTensorLayout.Nhwc ? ops.Transpose(x, 0, 2, 3, 1) : ops.Node("Identity", x);
        builder.Rename(x, OutputName);
        return OnnxModelBuilder.Create(builder, "qgan-feature-preprocessing",
            [OnnxModelBuilder.FloatTensor(InputName, [(long)c * h * w])],
            [OnnxModelBuilder.FloatTensor(OutputName, sample)],
            "QGan.MLNet feature preprocessing: bands, bilinear resize, scale and offset.");
    }

    private static float[] PerChannel(IReadOnlyList<float> values, int channels) =>
        values.Count == 1 ? Enumerable.Repeat(values[0], channels).ToArray() : [.. values];
}
