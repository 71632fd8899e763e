using QGan.MLNet.Transforms.Onnx;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using QGan.MLNet.Tests.Shared;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.Data.Synthetic;
using QGan.MLNet.Transforms.Latent;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;

namespace QGan.MLNet.Transforms.Tests.Latent;

/// <summary>EncodeLatent / DecodeLatent with the shipped synthetic-data autoencoder (models/sat4-synthetic).</summary>
public sealed class LatentTransformsTests : IDisposable
{
    private static readonly string ModelDir = Path.Combine(Fixtures.RepoRoot, "models", "sat4-synthetic");
    private static readonly string EncoderPath = Path.Combine(ModelDir, "encoder.onnx");
    private static readonly string DecoderPath = Path.Combine(ModelDir, "decoder.onnx");

    private readonly MLContext _ml = new(seed: 1);
    private readonly string _dir = Directory.CreateTempSubdirectory("qgan-latent-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public sealed class ImageInput
    {
        [VectorType(3136)]
        public float[] Image { get; set; } = [];
    }

    public sealed class LatentOutput
    {
        [VectorType(24)]
        public float[] Latent { get; set; } = [];
    }

    private IDataView Patches(int count, ulong seed = 5) => Sat4SyntheticGenerator.Generate(count, seed).ToDataView(_ml);

    private static float[][] Column(IDataView view, string name) => view.GetColumn<float[]>(name).ToArray();

    /// <summary>Runs an ONNX model directly with ONNX Runtime (the reference the ML.NET pipeline must reproduce).</summary>
    private static float[] RunDirect(string path, string input, float[] values, int[] shape)
    {
        using var session = new InferenceSession(path);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(input, new DenseTensor(values, shape))]);
        return results.Single().AsTensor<float>().ToArray();
    }

    [Fact]
    public void Encode_gives_the_encoder_output_for_every_row()
    {
        var data = Patches(6);
        var encoded = _ml.QGan().Transforms.EncodeLatent(EncoderPath).Fit(data).Transform(data);

        var images = Column(encoded, "Image");
        var latents = Column(encoded, "Latent");
        Assert.Equal(6, latents.Length);
        var direct = RunDirect(EncoderPath, "image", images.SelectMany(i => i).ToArray(), [6, 4, 28, 28]);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(24, latents[i].Length);
            for (var k = 0; k < 24; k++)
            {
                Assert.Equal(direct[i * 24 + k], latents[i][k], 6);
            }
        }
        // The tensor-named helper columns are dropped.
        Assert.Null(encoded.Schema.GetColumnOrNull("image"));
        Assert.Null(encoded.Schema.GetColumnOrNull("latent"));
    }

    [Fact]
    public void Encode_then_decode_composes_and_reconstructs_the_patches()
    {
        var data = Patches(16, seed: 77);
        var pipeline = _ml.QGan().Transforms.EncodeLatent(EncoderPath)
            .Append(_ml.QGan().Transforms.DecodeLatent(DecoderPath, "Latent", "Reconstruction"));
        var output = pipeline.Fit(data).Transform(data);

        var originals = Column(output, "Image");
        var reconstructions = Column(output, "Reconstruction");
        var latents = Column(output, "Latent");
        var direct = RunDirect(DecoderPath, "latent", latents.SelectMany(l => l).ToArray(), [16, 24]);
        Assert.Equal(direct, reconstructions.SelectMany(r => r).ToArray());

        // The shipped model reconstructs unseen patches far better than their mean image does.
        var mean = new double[3136];
        foreach (var image in originals)
        {
            for (var k = 0; k < mean.Length; k++)
            {
                mean[k] += image[k] / originals.Length;
            }
        }
        double reconstructionError = 0, meanError = 0;
        for (var i = 0; i < originals.Length; i++)
        {
            for (var k = 0; k < 3136; k++)
            {
                reconstructionError += Math.Pow(reconstructions[i][k] - originals[i][k], 2);
                meanError += Math.Pow(mean[k] - originals[i][k], 2);
            }
        }
        Assert.True(reconstructionError < 0.5 * meanError, $"reconstruction SSE {reconstructionError} vs mean-image SSE {meanError}");
    }

    [Fact]
    public void Works_in_a_prediction_engine()
    {
        var data = Patches(3);
        var transformer = _ml.QGan().Transforms.EncodeLatent(EncoderPath).Fit(data);
        var batch = Column(transformer.Transform(data), "Latent");
        var images = Column(data, "Image");

        using var engine = _ml.Model.CreatePredictionEngine<ImageInput, LatentOutput>(transformer);
        for (var i = 0; i < images.Length; i++)
        {
            Assert.Equal(batch[i], engine.Predict(new ImageInput { Image = images[i] }).Latent);
        }
    }

    [Fact]
    public void Survives_mlcontext_model_save_and_load()
    {
        var data = Patches(4);
        var pipeline = _ml.QGan().Transforms.EncodeLatent(EncoderPath)
            .Append(_ml.QGan().Transforms.DecodeLatent(DecoderPath, "Latent", "Decoded"));
        var transformer = pipeline.Fit(data);
        var path = Path.Combine(_dir, "latent-pipeline.zip");

        _ml.Model.Save(transformer, data.Schema, path);
        using var loaded = (TransformerChain<ITransformer>)new MLContext(seed: 2).Model.Load(path, out var inputSchema); // disposing deletes ML.NET's temp model file

        Assert.NotNull(inputSchema.GetColumnOrNull("Image"));
        var expected = transformer.Transform(data);
        var actual = loaded.Transform(data);
        Assert.Equal(Column(expected, "Latent"), Column(actual, "Latent"));
        Assert.Equal(Column(expected, "Decoded"), Column(actual, "Decoded"));
    }

    [Fact]
    public void A_model_with_other_tensor_names_is_rejected_naming_file_and_tensor()
    {
        var path = Fixtures.Path("onnx", "tiny-features.onnx");

        var ex = Assert.Throws<InvalidDataException>(() => _ml.QGan().Transforms.EncodeLatent(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("'images'", ex.Message);
        Assert.Contains("'image'", ex.Message);
    }

    [Fact]
    public void A_decoder_given_as_encoder_is_rejected()
    {
        var ex = Assert.Throws<InvalidDataException>(() => _ml.QGan().Transforms.EncodeLatent(DecoderPath));

        Assert.Contains(DecoderPath, ex.Message);
        Assert.Contains("found 'latent'", ex.Message);
    }

    [Fact]
    public void A_corrupt_or_missing_model_file_is_reported()
    {
        var corrupt = Path.Combine(_dir, "corrupt.onnx");
        File.WriteAllBytes(corrupt, [1, 2, 3, 4, 5, 6, 7, 8, 9]);

        var ex = Assert.Throws<InvalidDataException>(() => _ml.QGan().Transforms.DecodeLatent(corrupt));
        Assert.Contains(corrupt, ex.Message);
        Assert.Throws<FileNotFoundException>(() => _ml.QGan().Transforms.DecodeLatent(Path.Combine(_dir, "missing.onnx")));
    }

    [Fact]
    public void Missing_or_mis_sized_input_columns_fail_before_any_data_flows()
    {
        var data = Patches(2);

        var missing = Assert.Throws<ArgumentException>(() => _ml.QGan().Transforms.EncodeLatent(EncoderPath, inputColumn: "Pixels").Fit(data));
        Assert.Contains("'Pixels'", missing.Message);
        Assert.Contains(EncoderPath, missing.Message);

        // The image column (3136 values) fed to the decoder, which wants 24.
        var wrongSize = Assert.Throws<ArgumentException>(() => _ml.QGan().Transforms.DecodeLatent(DecoderPath, "Image", "Out").Fit(data));
        Assert.Contains("24", wrongSize.Message);
        Assert.Contains(DecoderPath, wrongSize.Message);
    }

    [Fact]
    public void Signature_reports_the_shapes_of_the_shipped_models()
    {
        var encoder = LatentOnnxModel.Load(EncoderPath, LatentModelKind.Encoder);
        var decoder = LatentOnnxModel.Load(DecoderPath, LatentModelKind.Decoder);

        Assert.Equal([4L, 28, 28], encoder.ImageShape);
        Assert.Equal(24, encoder.LatentSize);
        Assert.Equal(encoder.ImageShape, decoder.ImageShape);
        Assert.Equal(24, decoder.LatentSize);
    }
}
