using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.Data.Synthetic;
using QGan.MLNet.Transforms.Latent;
using static TorchSharp.torch;

namespace QGan.MLNet.Benchmarks.Autoencoder;

/// <summary>
/// ONNX encode/decode throughput through ML.NET (EncodeLatent / DecodeLatent on ONNX Runtime, CPU): a batch
/// <c>Transform</c> over 2,048 patches consumed with a cursor, and single-row PredictionEngine calls. Results are
/// per image (OperationsPerInvoke), so images/s = 1 / mean. Models: the compact and default shapes exported with
/// freshly initialised weights (throughput does not depend on the weight values).
/// <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- --filter '*LatentOnnxThroughput*'</c>
/// </summary>
[SimpleJob(warmupCount: 2, iterationCount: 5)]
[MemoryDiagnoser]
public class LatentOnnxThroughputBenchmarks
{
    private const int BatchRows = 2048;
    private const int EngineCalls = 256;

    private readonly MLContext _ml = new(seed: 1);
    private IDataView _images = null!;
    private IDataView _latents = null!;
    private ITransformer _encoder = null!;
    private ITransformer _decoder = null!;
    private PredictionEngine<ImageRow, LatentRow> _encodeEngine = null!;
    private PredictionEngine<LatentRow, ImageRow> _decodeEngine = null!;
    private ImageRow[] _imageRows = null!;
    private LatentRow[] _latentRows = null!;

    [Params("compact", "default")]
    public string Shape { get; set; } = "compact";

    public sealed class ImageRow
    {
        [VectorType(3136)]
        public float[] Image { get; set; } = [];
    }

    public sealed class LatentRow
    {
        [VectorType(24)]
        public float[] Latent { get; set; } = [];
    }

    [GlobalSetup]
    public void Setup()
    {
        manual_seed(1);
        using var model = new ConvAutoencoder(Shape == "default" ? AutoencoderArchitecture.Default : AutoencoderArchitecture.Compact);
        var metadata = new Dictionary<string, string>();
        var encoder = LatentOnnxModel.FromBytes(AutoencoderOnnx.ExportEncoder(model, metadata), LatentModelKind.Encoder, "encoder");
        var decoder = LatentOnnxModel.FromBytes(AutoencoderOnnx.ExportDecoder(model, metadata), LatentModelKind.Decoder, "decoder");

        _images = _ml.Data.Cache(Sat4SyntheticGenerator.Generate(BatchRows, 3).ToDataView(_ml));
        _encoder = _ml.QGan().Transforms.EncodeLatent(encoder).Fit(_images);
        var random = new Random(5);
        _latentRows = Enumerable.Range(0, BatchRows)
            .Select(_ => new LatentRow { Latent = Enumerable.Range(0, 24).Select(_ => random.NextSingle() * 2 - 1).ToArray() }).ToArray();
        _latents = _ml.Data.Cache(_ml.Data.LoadFromEnumerable(_latentRows));
        _decoder = _ml.QGan().Transforms.DecodeLatent(decoder).Fit(_latents);
        _encodeEngine = _ml.Model.CreatePredictionEngine<ImageRow, LatentRow>(_encoder);
        _decodeEngine = _ml.Model.CreatePredictionEngine<LatentRow, ImageRow>(_decoder);
        _imageRows = _images.GetColumn<float[]>("Image").Take(EngineCalls).Select(i => new ImageRow { Image = i }).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _encodeEngine.Dispose();
        _decodeEngine.Dispose();
    }

    [Benchmark(OperationsPerInvoke = BatchRows, Description = "encode, batch Transform")]
    public float EncodeBatch() => Consume(_encoder.Transform(_images), "Latent");

    [Benchmark(OperationsPerInvoke = BatchRows, Description = "decode, batch Transform")]
    public float DecodeBatch() => Consume(_decoder.Transform(_latents), "Image");

    [Benchmark(OperationsPerInvoke = EngineCalls, Description = "encode, PredictionEngine")]
    public float EncodeEngine()
    {
        var sum = 0f;
        foreach (var row in _imageRows)
        {
            sum += _encodeEngine.Predict(row).Latent[0];
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = EngineCalls, Description = "decode, PredictionEngine")]
    public float DecodeEngine()
    {
        var sum = 0f;
        for (var i = 0; i < EngineCalls; i++)
        {
            sum += _decodeEngine.Predict(_latentRows[i]).Image[0];
        }
        return sum;
    }

    private static float Consume(IDataView view, string column)
    {
        var col = view.Schema[column];
        using var cursor = view.GetRowCursor([col]);
        var getter = cursor.GetGetter<VBuffer<float>>(col);
        var buffer = default(VBuffer<float>);
        var sum = 0f;
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            sum += buffer.GetValues()[0];
        }
        return sum;
    }
}
