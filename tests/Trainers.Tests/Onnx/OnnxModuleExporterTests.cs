using QGan.MLNet.Transforms.Onnx;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using QGan.MLNet.Tests.Shared;
using QGan.MLNet.Trainers.Onnx;
using QGan.MLNet.Transforms.Onnx.Proto;
using static QGan.MLNet.Trainers.Tests.Onnx.OnnxTestHelpers;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace QGan.MLNet.Trainers.Tests.Onnx;

public sealed class OnnxModuleExporterTests
{
    private static OnnxExportOptions Options(long[] inputShape, long[]? expected = null) => new()
    {
        InputName = "x",
        InputShape = inputShape,
        OutputName = "y",
        ExpectedOutputShape = expected,
        Metadata = new Dictionary<string, string> { ["seed"] = "42", ["training_data"] = "unit test" },
    };

    [Fact]
    public void Unsupported_layer_is_reported_with_its_module_path_and_type()
    {
        using var model = Sequential(
            ("body", Sequential(("fc", Linear(4, 4)), ("act", GELU()))),
            ("head", Linear(4, 2)));

        var ex = Assert.Throws<UnsupportedModuleException>(() => new OnnxModuleExporter().Export(model, Options([4])));

        Assert.Equal("body.act", ex.ModulePath);
        Assert.Contains("'body.act'", ex.Message);
        Assert.Contains("TorchSharp.Modules.GELU", ex.Message);
        Assert.IsAssignableFrom<NotSupportedException>(ex);
    }

    [Fact]
    public void Batchnorm_without_running_statistics_is_rejected()
    {
        using var model = Sequential(("bn", BatchNorm1d(3, track_running_stats: false)));

        var ex = Assert.Throws<UnsupportedModuleException>(() => new OnnxModuleExporter().Export(model, Options([3])));
        Assert.Contains("running statistics", ex.Message);
    }

    [Fact]
    public void Shape_mismatch_between_layers_is_reported_at_export_time()
    {
        using var model = Sequential(("fc1", Linear(4, 5)), ("fc2", Linear(6, 2)));

        var ex = Assert.Throws<UnsupportedModuleException>(() => new OnnxModuleExporter().Export(model, Options([4])));
        Assert.Equal("fc2", ex.ModulePath);
        Assert.Contains("[N,5]", ex.Message);
    }

    [Fact]
    public void Registered_converters_extend_the_exporter()
    {
        var registry = OnnxConverterRegistry.CreateDefault()
            .Register<TorchSharp.Modules.GELU>((c, _, p, x) => new OnnxValue(c.Builder.AddNode("Gelu", p, [x.Name]), x.Shape));
        using var model = Sequential(("fc", Linear(3, 3)), ("act", GELU()));

        var proto = new OnnxModuleExporter(registry).Export(model, Options([3]) with { Opset = 20 });

        Assert.Equal(["Gemm", "Gelu"], proto.Graph.Node.Select(n => n.OpType));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Rank3_linear_leakyrelu_flatten_and_unflatten_match_torchsharp(int batch)
    {
        manual_seed(3);
        using var model = Sequential(
            ("fc", Linear(6, 12)),
            ("leaky", LeakyReLU(0.2)),
            ("split", Unflatten(1, [3, 4])),
            ("inner", Linear(4, 5)),
            ("sig", Sigmoid()),
            ("flat", Flatten()),
            ("bn", BatchNorm1d(15)),
            ("tanh", Tanh()));
        RandomizeBatchNorms(model, 4);
        var bytes = new OnnxModuleExporter().ExportBytes(model, Options([6], [15]));
        var input = RandomInput(batch * 6, seed: 9, low: -2, high: 2);

        var expected = RunTorch(model, input, [batch, 6]);
        var (actual, shape) = RunOnnx(bytes, "x", input, [batch, 6]);

        Assert.Equal([batch, 15], shape);
        Assert.True(MaxAbsDifference(expected, actual) < 1e-5);
    }

    [Fact]
    public void Conv_with_bias_free_layers_groups_and_asymmetric_stride_matches_torchsharp()
    {
        manual_seed(5);
        using var model = Sequential(
            ("conv", Conv2d(4, 8, kernel_size: 3, stride: 1, padding: 1, bias: false)),
            ("grouped", Conv2d(8, 8, kernel_size: 3, stride: 2, padding: 0L, groups: 2)),
            ("bn", BatchNorm2d(8)),
            ("up", ConvTranspose2d(8, 3, kernel_size: 3, stride: 2, padding: 1, output_padding: 1)),
            ("relu", ReLU()));
        RandomizeBatchNorms(model, 6);
        var options = Options([4, 11, 11]);
        var proto = new OnnxModuleExporter().Export(model, options);
        var input = RandomInput(2 * 4 * 11 * 11, seed: 10);

        var expected = RunTorch(model, input, [2, 4, 11, 11]);
        var (actual, shape) = RunOnnx(proto.ToByteArray(), "x", input, [2, 4, 11, 11]);

        // (11 - 3)/2 + 1 = 5, then (5 - 1)*2 - 2 + 3 + 1 = 10
        Assert.Equal([2, 3, 10, 10], shape);
        Assert.Equal([3L, 10, 10], proto.Graph.Output[0].Type.TensorType.Shape.Dim.Skip(1).Select(d => d.DimValue));
        Assert.True(MaxAbsDifference(expected, actual) < 1e-5);
    }

    [Fact]
    public void Model_carries_producer_opset_dynamic_batch_and_metadata()
    {
        using var model = Sequential(("fc", Linear(3, 2)));
        var bytes = new OnnxModuleExporter().ExportBytes(model, Options([3]));

        var proto = ModelProto.Parser.ParseFrom(bytes);
        Assert.Equal("QGan.MLNet", proto.ProducerName);
        Assert.Equal(OnnxModuleExporter.DefaultOpset, Assert.Single(proto.OpsetImport).Version);
        Assert.Equal("N", proto.Graph.Input[0].Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal("y", Assert.Single(proto.Graph.Output).Name);

        using var session = new InferenceSession(bytes);
        Assert.Equal("QGan.MLNet", session.ModelMetadata.ProducerName);
        Assert.Equal("42", session.ModelMetadata.CustomMetadataMap["seed"]);
        Assert.Equal("unit test", session.ModelMetadata.CustomMetadataMap["training_data"]);
        Assert.Equal([-1, 3], session.InputMetadata["x"].Dimensions);
    }

    [Fact]
    public void Schema_subset_reads_a_model_written_by_pytorch()
    {
        // The fixture was exported by torch.onnx: parsing it with these messages checks the field numbers against
        // an independent writer (names, shapes and initializers must come out right).
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Fixtures.Path("onnx", "tiny-features.onnx")));

        var input = Assert.Single(proto.Graph.Input, i => proto.Graph.Initializer.All(t => t.Name != i.Name));
        Assert.Equal("images", input.Name);
        Assert.Equal([3L, 32, 32], input.Type.TensorType.Shape.Dim.Skip(1).Select(d => d.DimValue));
        Assert.Equal("features", Assert.Single(proto.Graph.Output).Name);
        Assert.Equal((int)TensorProto.Types.DataType.Float, input.Type.TensorType.ElemType);
        Assert.NotEmpty(proto.Graph.Node);
        Assert.Contains(proto.OpsetImport, o => o.Domain == "" && o.Version >= 7);
        Assert.All(proto.Graph.Initializer, t => Assert.True(t.Dims.Count > 0 || t.RawData.Length > 0 || t.FloatData.Count > 0));
    }

    [Fact]
    public void Input_and_output_names_must_differ()
    {
        using var model = Sequential(("fc", Linear(3, 2)));
        Assert.Throws<ArgumentException>(() => new OnnxModuleExporter().Export(model, Options([3]) with { OutputName = "x" }));
    }
}
