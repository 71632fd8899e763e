using System.Globalization;
using QGan.MLNet.Trainers.Onnx;
using QGan.MLNet.Transforms.Onnx;
using QGan.MLNet.Transforms.Features;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Features.Inception;

/// <summary>
/// Exports a <see cref="FidInceptionV3"/> with the project's ONNX exporter to the contract of the <c>inception</c>
/// preset (<see cref="OnnxFeatureExtractorOptions.InceptionV3Fid"/>): input <c>image</c> [N, 3, 299, 299] in [-1, 1],
/// output <c>pool3</c> [N, 2048]; optionally pytorch-fid's blocks 0-2 as the extra outputs <c>block0</c>
/// [N, 64, 73, 73], <c>block1</c> [N, 192, 35, 35] and <c>block2</c> [N, 768, 17, 17]. Convolutions are written as
/// Conv + BatchNormalization + Relu with the file's own values; ONNX Runtime fuses each Conv + BatchNormalization
/// pair when it loads the model (a basic-level graph optimisation), so the file keeps the weights as published.
/// </summary>
public static class FidInceptionOnnx
{
    /// <summary>Name of the input tensor: images [N, 3, 299, 299] in [-1, 1].</summary>
    public const string InputName = "image";
    /// <summary>Name of the output tensor: the 2048 pool3 features [N, 2048].</summary>
    public const string OutputName = "pool3";

    /// <summary>Names of the optional extra outputs, pytorch-fid's output blocks 0, 1 and 2.</summary>
    public static IReadOnlyList<string> BlockOutputNames { get; } = ["block0", "block1", "block2"];

    /// <summary>The default converters plus BasicConv2d, the Inception blocks and the FID Inception itself.</summary>
    public static OnnxConverterRegistry CreateRegistry(bool includeBlockOutputs)
    {
        var registry = OnnxConverterRegistry.CreateDefault();
        registry.Register<BasicConv2d>(ExportBasicConv);
        registry.Register<InceptionBlock>(ExportBlock);
        registry.Register<FidInceptionV3>((c, m, p, x) => ExportInception(c, (FidInceptionV3)m, p, x, includeBlockOutputs));
        return registry;
    }

    /// <summary>The ONNX model bytes of <paramref name="model"/> (eval mode); <paramref name="metadata"/> is added to metadata_props.</summary>
    public static byte[] Export(FidInceptionV3 model, bool includeBlockOutputs, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(metadata);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["producer"] = OnnxModuleExporter.ProducerName,
            ["role"] = "fid-inception-v3",
            ["architecture"] = "pytorch-fid FID Inception-v3 (torchvision Inception-v3, 1008 classes, no aux logits, FIDInceptionA/C/E_1/E_2 blocks)",
            ["feature_dim"] = FidInceptionV3.FeatureDimension.ToString(CultureInfo.InvariantCulture),
            ["image_shape"] = FormattableString.Invariant($"{FidInceptionV3.InputChannels},{FidInceptionV3.InputSize},{FidInceptionV3.InputSize}"),
            ["image_layout"] = "CHW, channels R,G,B, values in [-1,1] (pytorch-fid: bilinear resize to 299 with align_corners=False, then 2x-1)",
            ["outputs"] = string.Join(",", includeBlockOutputs ? [OutputName, .. BlockOutputNames] : new[] { OutputName }),
        };
        foreach (var (key, value) in metadata)
        {
            entries[key] = value;
        }
        var exporter = new OnnxModuleExporter(CreateRegistry(includeBlockOutputs));
        return exporter.ExportBytes(model, new OnnxExportOptions
        {
            InputName = InputName,
            InputShape = [FidInceptionV3.InputChannels, FidInceptionV3.InputSize, FidInceptionV3.InputSize],
            OutputName = OutputName,
            ExpectedOutputShape = [FidInceptionV3.FeatureDimension],
            GraphName = "fid_inception_v3",
            DocString = "pytorch-fid's FID Inception-v3: image [N,3,299,299] in [-1,1] -> pool3 [N,2048] (the FID feature space)." +
                (includeBlockOutputs ? " Extra outputs block0 [N,64,73,73], block1 [N,192,35,35], block2 [N,768,17,17]." : ""),
            Metadata = entries,
        });
    }

    private static OnnxValue ExportBasicConv(OnnxExportContext context, nn.Module module, string path, OnnxValue input)
    {
        var conv = (BasicConv2d)module;
        var convolved = context.Export(conv.Conv, OnnxExportContext.ChildPath(path, "conv"), input);
        var normalised = context.Export(conv.Norm, OnnxExportContext.ChildPath(path, "bn"), convolved);
        return new OnnxValue(context.Builder.AddNode("Relu", path, [normalised.Name]), normalised.Shape);
    }

    private static OnnxValue ExportBlock(OnnxExportContext context, nn.Module module, string path, OnnxValue input)
    {
        var block = (InceptionBlock)module;
        var outputs = new List<OnnxValue>(block.Branches.Count);
        foreach (var branch in block.Branches)
        {
            var x = input;
            foreach (var step in branch.Chain)
            {
                x = context.Export(step.Module, OnnxExportContext.ChildPath(path, step.Name), x);
            }
            if (branch.Fork.Count > 0)
            {
                var parts = branch.Fork.Select(step => context.Export(step.Module, OnnxExportContext.ChildPath(path, step.Name), x)).ToList();
                x = context.Concat(OnnxExportContext.ChildPath(path, branch.Chain[^1].Name + "_concat"), parts, axis: 1);
            }
            outputs.Add(x);
        }
        return context.Concat(path, outputs, axis: 1);
    }

    private static OnnxValue ExportInception(OnnxExportContext context, FidInceptionV3 model, string path, OnnxValue input, bool includeBlockOutputs)
    {
        var x = input;
        for (var b = 0; b < model.Blocks.Count; b++)
        {
            foreach (var (name, module) in model.Blocks[b])
            {
                x = context.Export(module, OnnxExportContext.ChildPath(path, name), x);
            }
            if (includeBlockOutputs && b < BlockOutputNames.Count)
            {
                context.AddOutput(BlockOutputNames[b], x);
            }
        }
        if (x.Rank != 4 || x.Shape[2] != 1 || x.Shape[3] != 1)
        {
            throw new UnsupportedModuleException(path, model.GetType(), $"block 3 ends in {x}, not [N, C, 1, 1].");
        }
        var flat = context.Builder.AddNode("Flatten", OnnxExportContext.ChildPath(path, "flatten"), [x.Name], OnnxAttributes.Int("axis", 1));
        return new OnnxValue(flat, [x.Shape[0], x.Shape[1]]);
    }
}
