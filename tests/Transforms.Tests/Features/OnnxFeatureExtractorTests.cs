using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.Features;

namespace QGan.MLNet.Transforms.Tests.Features;

public sealed class OnnxFeatureExtractorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qgan-onnx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Torch_linspace_reproduction_has_torch_endpoints_and_symmetric_halves()
    {
        var v = TinyFeaturesFixture.TorchLinspace(-1f, 1f, 6144);

        Assert.Equal(-1f, v[0]);
        Assert.Equal(1f, v[^1]);
        for (var i = 0; i < v.Length / 2; i++)
        {
            Assert.Equal(-v[i], v[^(i + 1)]); // exact mirror images by construction of the two halves
        }
    }

    [Fact]
    public void Tiny_features_model_reproduces_the_pytorch_probe_output()
    {
        using var extractor = new OnnxFeatureExtractor(TinyFeaturesFixture.Options());

        var features = extractor.Extract(TinyFeaturesFixture.ProbeImages());

        Assert.Equal(64, extractor.FeatureDimension);
        Assert.Equal(["images"], [extractor.Signature.InputName]);
        Assert.Equal([-1, 3, 32, 32], extractor.Signature.InputShape);
        AssertFeatures(TinyFeaturesFixture.ProbeOutput, features, 1e-5);
    }

    [Fact]
    public void Tiny_features_through_the_ML_NET_estimator_match_the_probe_output_and_keep_other_columns()
    {
        var ml = new MLContext(seed: 1);
        var images = TinyFeaturesFixture.ProbeImages();
        var data = ml.Data.LoadFromEnumerable(images.Select((im, i) => new ImageRow { Image = im, Label = i + 1 }));
        var estimator = ml.QGan().Transforms.ExtractOnnxFeatures(TinyFeaturesFixture.Options());

        using var transformer = estimator.Fit(data);
        var output = transformer.Transform(data);
        var rows = ml.Data.CreateEnumerable<FeatureRow>(output, reuseRowObject: false).ToArray();

        var column = output.Schema["Features"];
        Assert.Equal(64, ((VectorDataViewType)column.Type).Size);
        Assert.Equal([1, 2], rows.Select(r => r.Label));
        AssertFeatures(TinyFeaturesFixture.ProbeOutput, rows.Select(r => r.Features).ToArray(), 1e-5);
    }

    [Fact]
    public void Estimator_output_schema_shape_adds_the_feature_vector_column()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(TinyFeaturesFixture.ProbeImages().Select(im => new ImageRow { Image = im }));
        var create = typeof(SchemaShape).GetMethod("Create", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)!;
        var inputShape = (SchemaShape)create.Invoke(null, [data.Schema])!;

        var shape = ml.QGan().Transforms.ExtractOnnxFeatures(TinyFeaturesFixture.Options()).GetOutputSchema(inputShape);

        var features = shape.Single(c => c.Name == "Features");
        Assert.Equal(SchemaShape.Column.VectorKind.Vector, features.Kind);
        Assert.Equal(NumberDataViewType.Single, features.ItemType);
        Assert.Contains(shape, c => c.Name == "Label");
    }

    [Fact]
    public void Identity_model_exposes_the_preprocessing_band_selection_resize_and_scaling()
    {
        // An Identity ONNX model returns its input, so the features are the preprocessed image:
        // bands [3, 3, 0] (NIR replicated, then R) of a 4 x 2 x 2 image, resized to 4 x 4 and mapped to [-1, 1].
        var model = TinyOnnxModel.WriteIdentity(_dir, "identity.onnx", [-1, 3, 4, 4], [-1, 3, 4, 4]);
        var options = new OnnxFeatureExtractorOptions
        {
            ModelPath = model,
            SourceChannels = 4,
            SourceHeight = 2,
            SourceWidth = 2,
            Bands = [3, 3, 0],
            TargetHeight = 4,
            TargetWidth = 4,
        }.WithInputRange(-1, 1);
        var image = new float[16];
        for (var b = 0; b < 4; b++)
        {
            for (var i = 0; i < 4; i++)
            {
                image[b * 4 + i] = 0.1f * b + 0.01f * i; // band b: [[0, .01], [.02, .03]] + 0.1 b
            }
        }
        using var extractor = new OnnxFeatureExtractor(options);

        var features = extractor.Extract(image);

        Assert.Equal(48, features.Length);
        // torch bilinear (align_corners=False) of [[0, 1], [2, 3]] to 4 x 4, scaled by 0.01.
        float[] unit = [0, 0.25f, 0.75f, 1, 0.5f, 0.75f, 1.25f, 1.5f, 1.5f, 1.75f, 2.25f, 2.5f, 2, 2.25f, 2.75f, 3];
        int[] bands = [3, 3, 0];
        for (var c = 0; c < 3; c++)
        {
            for (var p = 0; p < 16; p++)
            {
                var expected = (0.1f * bands[c] + 0.01f * unit[p]) * 2 - 1;
                Assert.Equal(expected, features[c * 16 + p], 1e-6);
            }
        }
    }

    [Fact]
    public void Channels_last_models_get_the_sample_transposed_to_hwc()
    {
        // Identity model taking [N, H, W, C] = [N, 2, 2, 3]: the features are the preprocessed image in HWC order.
        var model = TinyOnnxModel.WriteIdentity(_dir, "nhwc.onnx", [-1, 2, 2, 3], [-1, 2, 2, 3]);
        var options = new OnnxFeatureExtractorOptions
        {
            ModelPath = model,
            SourceChannels = 4,
            SourceHeight = 2,
            SourceWidth = 2,
            Bands = [0, 1, 2],
            InputLayout = OnnxTensorLayout.Nhwc,
        };
        var image = Enumerable.Range(0, 16).Select(i => i / 16f).ToArray(); // band b, pixel p = (4 b + p) / 16
        using var extractor = new OnnxFeatureExtractor(options);

        var features = extractor.Extract(image);

        for (var p = 0; p < 4; p++)
        {
            for (var c = 0; c < 3; c++)
            {
                Assert.Equal((4 * c + p) / 16f, features[p * 3 + c]);
            }
        }

        var wrongLayout = Assert.Throws<InvalidDataException>(() =>
            new OnnxFeatureExtractor(options with { InputLayout = OnnxTensorLayout.Nchw }));
        Assert.Contains("input 'x' has channels 2", wrongLayout.Message);
        Assert.Contains("The model looks channels-last: set InputLayout = Nhwc.", wrongLayout.Message);
    }

    [Fact]
    public void Missing_tensor_names_are_reported_with_the_model_file_and_the_available_names()
    {
        var ex = Assert.Throws<InvalidDataException>(() =>
            new OnnxFeatureExtractor(TinyFeaturesFixture.Options() with { OnnxInputName = "pixels" }));
        Assert.Contains(TinyFeaturesFixture.ModelPath, ex.Message);
        Assert.Contains("no input tensor 'pixels'", ex.Message);
        Assert.Contains("'images'", ex.Message);

        var output = Assert.Throws<InvalidDataException>(() =>
            new OnnxFeatureExtractor(TinyFeaturesFixture.Options() with { OnnxOutputName = "pool3" }));
        Assert.Contains("no output tensor 'pool3'", output.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Intra_op_threads_below_one_are_refused_naming_the_option(int threads)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new OnnxFeatureExtractor(TinyFeaturesFixture.Options() with { IntraOpThreads = threads }));
        Assert.Equal(nameof(OnnxFeatureExtractorOptions.IntraOpThreads), ex.ParamName);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_explicit_intra_op_thread_count_gives_the_probe_output(int threads)
    {
        using var extractor = new OnnxFeatureExtractor(TinyFeaturesFixture.Options() with { IntraOpThreads = threads });
        AssertFeatures(TinyFeaturesFixture.ProbeOutput, extractor.Extract(TinyFeaturesFixture.ProbeImages()), 1e-5);
    }

    [Fact]
    public void Fixed_sizes_that_contradict_the_preprocessing_are_rejected_before_inference()
    {
        var size = Assert.Throws<InvalidDataException>(() =>
            new OnnxFeatureExtractor(TinyFeaturesFixture.Options() with { TargetHeight = 28 }));
        Assert.Contains("input 'images' has height 32", size.Message);
        Assert.Contains("[N, 3, 28, 32]", size.Message);

        var bands = Assert.Throws<InvalidDataException>(() =>
            new OnnxFeatureExtractor(TinyFeaturesFixture.Options() with { Bands = [0, 1] }));
        Assert.Contains("input 'images' has channels 3", bands.Message);

        var dim = Assert.Throws<InvalidDataException>(() =>
            new OnnxFeatureExtractor(TinyFeaturesFixture.Options() with { ExpectedFeatureDimension = 2048 }));
        Assert.Contains("output 'features' gives 64 features per sample", dim.Message);
    }

    [Fact]
    public void Inception_preset_refuses_a_model_with_another_signature()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(TinyFeaturesFixture.ProbeImages().Select(im => new ImageRow { Image = im }));
        var estimator = ml.QGan().Transforms.ExtractInceptionV3FidFeatures(TinyFeaturesFixture.ModelPath);

        var ex = Assert.Throws<InvalidDataException>(() => estimator.Fit(data));

        Assert.Contains(TinyFeaturesFixture.ModelPath, ex.Message);
        Assert.Contains("input 'images' has height 32", ex.Message);
        Assert.Contains("[N, 3, 299, 299]", ex.Message);
    }

    [Fact]
    public void Inception_preset_runs_a_model_with_the_FID_signature_end_to_end()
    {
        // Weight-free model with the FID Inception signature ([N, 3, 299, 299] -> [N, 2048, 1, 1]); each feature is
        // the mean of the model input. Bilinear resizing keeps a constant band constant, so a SAT-4 image with constant
        // bands R, G, B, NIR = 0.25, 0.5, 1.0, 0.7 must give mean((0.25, 0.5, 1.0) * 2 - 1) = 1/6 for all 2048
        // (values chosen so that the float32 sums inside the model are exact).
        var model = TinyOnnxModel.WriteInceptionLike(_dir, "inception-like.onnx");
        var ml = new MLContext(seed: 1);
        var image = new float[3136];
        float[] bandValues = [0.25f, 0.5f, 1.0f, 0.7f];
        for (var i = 0; i < image.Length; i++)
        {
            image[i] = bandValues[i / 784];
        }
        var data = ml.Data.LoadFromEnumerable(new[] { new Sat4Row { Image = image } });

        using var transformer = ml.QGan().Transforms.ExtractInceptionV3FidFeatures(model).Fit(data);
        var features = ml.Data.CreateEnumerable<InceptionRow>(transformer.Transform(data), reuseRowObject: false).Single().Features;

        Assert.Equal(2048, transformer.FeatureDimension);
        Assert.Equal([-1, 2048, 1, 1], transformer.Extractor.Signature.OutputShape);
        Assert.All(features, f => Assert.Equal(1.0 / 6, f, 1e-6));
    }

    [Fact]
    public void Wrong_rank_element_type_or_ambiguous_inputs_are_named()
    {
        var rank2 = TinyOnnxModel.WriteIdentity(_dir, "rank2.onnx", [-1, 3072], [-1, 3072]);
        var rank = Assert.Throws<InvalidDataException>(() => ReadSignature(TinyFeaturesFixture.Options() with
        {
            ModelPath = rank2,
            OnnxInputName = null,
            OnnxOutputName = null,
        }));
        Assert.Contains($"{rank2}: input 'x' has rank 2", rank.Message);

        var doubles = TinyOnnxModel.WriteIdentity(_dir, "double.onnx", [-1, 3, 32, 32], [-1, 3, 32, 32], TinyOnnxModel.Double);
        var type = Assert.Throws<InvalidDataException>(() => ReadSignature(TinyFeaturesFixture.Options() with
        {
            ModelPath = doubles,
            OnnxInputName = null,
            OnnxOutputName = null,
        }));
        Assert.Contains($"{doubles}: input 'x' has element type Double", type.Message);

        var add = TinyOnnxModel.WriteAdd(_dir, "two-inputs.onnx", [-1, 3, 32, 32]);
        var ambiguous = Assert.Throws<InvalidDataException>(() => ReadSignature(TinyFeaturesFixture.Options() with
        {
            ModelPath = add,
            OnnxInputName = null,
            OnnxOutputName = null,
        }));
        Assert.Contains("the model has 2 inputs ('a', 'b')", ambiguous.Message);
    }

    [Fact]
    public void Unreadable_or_missing_model_files_and_wrong_image_columns_are_rejected()
    {
        var garbage = Path.Combine(_dir, "garbage.onnx");
        File.WriteAllText(garbage, "not a model");
        var bad = Assert.Throws<InvalidDataException>(() => new OnnxFeatureExtractor(TinyFeaturesFixture.Options() with { ModelPath = garbage }));
        Assert.Contains($"{garbage}: not a loadable ONNX model", bad.Message);

        var missing = Path.Combine(_dir, "missing.onnx");
        Assert.Throws<FileNotFoundException>(() => new OnnxFeatureExtractor(TinyFeaturesFixture.Options() with { ModelPath = missing }));

        var ml = new MLContext(seed: 1);
        var sat4 = ml.Data.LoadFromEnumerable(new[] { new Sat4Row { Image = new float[3136] } });
        var column = Assert.Throws<ArgumentOutOfRangeException>(() =>
            ml.QGan().Transforms.ExtractOnnxFeatures(TinyFeaturesFixture.Options()).Fit(sat4));
        Assert.Contains("'Image' has 3136 values per row", column.Message);
    }

    [Fact]
    public void Non_finite_model_outputs_name_the_model_and_the_sample()
    {
        // Sqrt of the [-1, 1]-scaled input: the second image has a negative value, so its features contain NaN.
        var model = TinyOnnxModel.WriteUnary("Sqrt", _dir, "sqrt.onnx", [-1, 1, 2, 2], [-1, 1, 2, 2]);
        using var extractor = new OnnxFeatureExtractor(new OnnxFeatureExtractorOptions
        {
            ModelPath = model,
            SourceChannels = 1,
            SourceHeight = 2,
            SourceWidth = 2,
            Bands = [0],
        }.WithInputRange(-1, 1));

        var ex = Assert.Throws<InvalidDataException>(() => extractor.Extract([[1f, 1f, 0.5f, 0.75f], [1f, 0.25f, 1f, 1f]]));

        Assert.Contains($"{model}: output 'y' is non-finite (NaN) for sample 1 of the batch", ex.Message);
    }

    [Fact]
    public void Disposed_extractor_refuses_to_run()
    {
        var extractor = new OnnxFeatureExtractor(TinyFeaturesFixture.Options());
        extractor.Dispose();

        Assert.Throws<ObjectDisposedException>(() => extractor.Extract(new float[3072]));
    }

    private static OnnxModelSignature ReadSignature(OnnxFeatureExtractorOptions options)
    {
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(options.ModelPath);
        return OnnxModelSignature.Inspect(session, options);
    }

    private static void AssertFeatures(float[][] expected, float[][] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var r = 0; r < expected.Length; r++)
        {
            Assert.Equal(expected[r].Length, actual[r].Length);
            for (var j = 0; j < expected[r].Length; j++)
            {
                Assert.True(Math.Abs(expected[r][j] - actual[r][j]) <= tolerance,
                    $"row {r}, feature {j}: {actual[r][j]} vs {expected[r][j]}");
            }
        }
    }

    private sealed class ImageRow
    {
        [VectorType(3072)]
        public float[] Image { get; set; } = [];

        public int Label { get; set; }
    }

    private sealed class FeatureRow
    {
        public int Label { get; set; }

        [VectorType(64)]
        public float[] Features { get; set; } = [];
    }

    private sealed class InceptionRow
    {
        [VectorType(2048)]
        public float[] Features { get; set; } = [];
    }

    private sealed class Sat4Row
    {
        [VectorType(3136)]
        public float[] Image { get; set; } = [];
    }
}
