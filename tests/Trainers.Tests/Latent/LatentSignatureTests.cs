using QGan.MLNet.Trainers.Onnx;
using QGan.MLNet.Transforms.Latent;
using static TorchSharp.torch.nn;

namespace QGan.MLNet.Trainers.Tests.Latent;

/// <summary>Models with the right tensor names but wrong ranks are refused, naming the model and the tensor.</summary>
public sealed class LatentSignatureTests
{
    private static byte[] Export(TorchSharp.torch.nn.Module module, string input, long[] inputShape, string output) =>
        new OnnxModuleExporter().ExportBytes(module, new OnnxExportOptions { InputName = input, InputShape = inputShape, OutputName = output });

    [Fact]
    public void Encoder_taking_flat_images_is_rejected_for_its_image_rank()
    {
        using var flat = Sequential(("fc", Linear(3136, 24)), ("tanh", Tanh()));
        var bytes = Export(flat, "image", [3136], "latent");

        var ex = Assert.Throws<InvalidDataException>(() => LatentOnnxModel.FromBytes(bytes, LatentModelKind.Encoder, "flat-encoder.onnx"));

        Assert.Contains("'flat-encoder.onnx'", ex.Message);
        Assert.Contains("tensor 'image' must have shape [N,C,H,W]", ex.Message);
        Assert.Contains("[-1,3136]", ex.Message);
    }

    [Fact]
    public void Decoder_producing_flat_images_is_rejected_for_its_output_rank()
    {
        using var flat = Sequential(("fc", Linear(24, 3136)), ("sig", Sigmoid()));
        var bytes = Export(flat, "latent", [24], "image");

        var ex = Assert.Throws<InvalidDataException>(() => LatentOnnxModel.FromBytes(bytes, LatentModelKind.Decoder, "flat-decoder.onnx"));

        Assert.Contains("Decoder model 'flat-decoder.onnx': tensor 'image'", ex.Message);
    }

    [Fact]
    public void A_well_formed_pair_reports_its_sizes()
    {
        using var encoder = Sequential(("flat", Flatten()), ("fc", Linear(2 * 8 * 8, 5)));
        using var decoder = Sequential(("fc", Linear(5, 2 * 8 * 8)), ("shape", Unflatten(1, [2, 8, 8])));

        var e = LatentOnnxModel.FromBytes(Export(encoder, "image", [2, 8, 8], "latent"), LatentModelKind.Encoder, "e");
        var d = LatentOnnxModel.FromBytes(Export(decoder, "latent", [5], "image"), LatentModelKind.Decoder, "d");

        Assert.Equal([2L, 8, 8], e.ImageShape);
        Assert.Equal(128, e.ImageSize);
        Assert.Equal(5, e.LatentSize);
        Assert.Equal(e.ImageShape, d.ImageShape);
        Assert.Equal(5, d.LatentSize);
    }
}
