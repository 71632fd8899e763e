using QGan.MLNet.Tests.Shared.Inception;
using QGan.MLNet.Trainers.Features.Inception;
using QGan.MLNet.Trainers.PyTorch;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Tests.Features.Inception;

/// <summary>
/// Loading a state dict into the TorchSharp FID Inception: the fixture weights fit and the module alone (without
/// ONNX) computes pytorch-fid's pool3; weights that do not fit are refused naming the key.
/// </summary>
public sealed class FidInceptionWeightsTests
{
    private static readonly Lazy<TorchStateDict> _weights = new(() => TorchStateDict.Load(InceptionReference.ZipWeights));

    private static Dictionary<string, TorchTensorData> Copy() => _weights.Value.ToDictionary(kv => kv.Key, kv => kv.Value);

    private static InvalidDataException Refusal(IReadOnlyDictionary<string, TorchTensorData> weights)
    {
        using var model = new FidInceptionV3();
        return Assert.Throws<InvalidDataException>(() => FidInceptionWeights.Load(model, weights, "w.pth"));
    }

    [Fact]
    public void The_module_has_the_566_keys_of_pytorch_fids_weights_file()
    {
        using var model = new FidInceptionV3();
        var keys = model.state_dict().Keys.ToHashSet();

        Assert.True(keys.SetEquals(_weights.Value.Keys));
        var fileParameters = _weights.Value.Where(kv => kv.Key.EndsWith(".weight", StringComparison.Ordinal) || kv.Key.EndsWith(".bias", StringComparison.Ordinal))
            .Sum(kv => kv.Value.ElementCount);
        Assert.Equal(fileParameters, model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void The_loaded_torchsharp_module_computes_pytorch_fids_pool3()
    {
        using var model = FidInceptionImporter.LoadModel(_weights.Value);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        // pytorch-fid's wrapper: bilinear resize to 299 (align_corners=False), then 2x - 1.
        var image = tensor(InceptionReference.ProbeImages[1], [1, 3, 64, 64]);
        var input = nn.functional.interpolate(image, [299, 299], mode: InterpolationMode.Bilinear, align_corners: false) * 2 - 1;

        var pool3 = model.forward(input);

        Assert.Equal([1L, 2048], pool3.shape);
        InceptionReference.AssertClose(InceptionReference.Pool3[1], pool3.data<float>().ToArray(), 1e-4, "TorchSharp pool3 of probe 1");
    }

    [Fact]
    public void A_missing_key_is_named()
    {
        var weights = Copy();
        weights.Remove("Mixed_6a.branch3x3.bn.running_mean");

        Assert.Equal("w.pth: not the state dict of pytorch-fid's FID Inception-v3 (566 keys): missing key 'Mixed_6a.branch3x3.bn.running_mean'.",
            Refusal(weights).Message);
    }

    [Fact]
    public void Extra_keys_are_named_with_a_hint_for_torchvisions_imagenet_weights()
    {
        var weights = Copy();
        weights["AuxLogits.fc.weight"] = weights["fc.bias"];
        weights["AuxLogits.fc.bias"] = weights["fc.bias"];

        var message = Refusal(weights).Message;

        Assert.StartsWith("w.pth: not the state dict of pytorch-fid's FID Inception-v3 (566 keys): unexpected keys 'AuxLogits.fc.weight', 'AuxLogits.fc.bias'.", message);
        Assert.EndsWith("these are torchvision's ImageNet Inception-v3 weights, not the FID Inception's.", message);
    }

    [Fact]
    public void A_wrong_shape_is_named_with_both_shapes()
    {
        var weights = Copy();
        weights["fc.bias"] = new TorchTensorData(TorchDType.Float32, [1000], new byte[4000]);

        Assert.Equal("w.pth: 'fc.bias' has shape [1000] but the FID Inception-v3 needs [1008].", Refusal(weights).Message);
    }

    [Fact]
    public void Integer_values_for_a_weight_are_refused()
    {
        var weights = Copy();
        weights["Conv2d_2a_3x3.bn.weight"] = new TorchTensorData(TorchDType.Int32, [32], new byte[128]);

        Assert.Equal("w.pth: 'Conv2d_2a_3x3.bn.weight' holds torch.int32 values but the FID Inception-v3 needs floating-point ones.", Refusal(weights).Message);
    }

    [Fact]
    public void Non_finite_weights_are_refused()
    {
        var weights = Copy();
        var values = new byte[4 * 80];
        BitConverter.GetBytes(float.NaN).CopyTo(values, 12);
        weights["Conv2d_3b_1x1.bn.running_var"] = new TorchTensorData(TorchDType.Float32, [80], values);

        Assert.Equal("w.pth: 'Conv2d_3b_1x1.bn.running_var' contains NaN or infinite values.", Refusal(weights).Message);
    }
}
