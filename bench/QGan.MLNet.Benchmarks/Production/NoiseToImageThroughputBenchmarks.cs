using QGan.MLNet.Transforms.Onnx;
using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using QGan.MLNet.Trainers.Gan.Evaluation;
using QGan.MLNet.Trainers.Production;
using QGan.MLNet.Transforms.Catalog;

namespace QGan.MLNet.Benchmarks.Production;

/// <summary>
/// Images per second from noise, for the quantum (12 qubits x 8 layers) and the classical generator:
/// <list type="bullet">
/// <item><c>OnnxRuntime</c>: the exported noise-to-image model, one <c>InferenceSession.Run</c> per batch, one
/// intra-op thread (as the service runs it); <c>OnnxRuntimeAllCores</c>: ONNX Runtime's default threading.</item>
/// <item><c>MlNetBatchTransform</c>: the same file through <c>mlContext.QGan().Transforms.GenerateImages</c> (one
/// intra-op thread), a batch
/// <c>Transform</c> consumed with a cursor.</item>
/// <item><c>MlNetPredictionEngine</c>: one <c>Predict</c> per image.</item>
/// <item><c>CSharpPath</c>: the TorchSharp generator (statevector simulator for the quantum one) plus the decoder
/// through ML.NET, as <c>qgan generate</c> runs it.</item>
/// </list>
/// Results are per image (OperationsPerInvoke = Batch), so images/s = 1 / mean.
/// <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- --filter '*NoiseToImageThroughput*'</c>
/// </summary>
[SimpleJob(warmupCount: 2, iterationCount: 5)]
[MemoryDiagnoser]
public class NoiseToImageThroughputBenchmarks
{
    private const int Batch = 64;

    private readonly MLContext _ml = new(seed: 1);
    private GeneratorPackage _package = null!;
    private OnnxLatentDecoder _decoder = null!;
    private InferenceSession _session = null!;
    private InferenceSession _sessionAllCores = null!;
    private float[] _noise = null!;
    private IDataView _noiseView = null!;
    private ITransformer _pipeline = null!;
    private PredictionEngine<NoiseRow, ImageRow> _engine = null!;
    private NoiseRow[] _rows = null!;
    private string _folder = null!;

    [Params("quantum", "classical")]
    public string Kind { get; set; } = "quantum";

    public sealed class NoiseRow
    {
        [VectorType(ProductionSetup.NoiseDimension)]
        public float[] Noise { get; set; } = [];
    }

    public sealed class ImageRow
    {
        [VectorType(3136)]
        public float[] Image { get; set; } = [];
    }

    [GlobalSetup]
    public void Setup()
    {
        _folder = ProductionSetup.CreateGeneratorFolder(Kind);
        _package = GeneratorPackage.Open(_folder);
        _decoder = new OnnxLatentDecoder(_ml, _package.Decoder);
        var modelPath = Path.Combine(_folder, "model.onnx");
        NoiseToImageExporter.Save(_package.Generator, _package.Decoder, modelPath);
        using (var oneThread = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 })
        {
            _session = new InferenceSession(modelPath, oneThread);
        }
        _sessionAllCores = new InferenceSession(modelPath);
        _noise = ProductionSetup.Noise(Batch);
        _rows = _noise.Chunk(ProductionSetup.NoiseDimension).Select(z => new NoiseRow { Noise = z }).ToArray();
        _noiseView = _ml.Data.LoadFromEnumerable(_rows);
        _pipeline = _ml.QGan().Transforms.GenerateImages(modelPath, intraOpThreads: 1).Fit(_noiseView);
        _engine = _ml.Model.CreatePredictionEngine<NoiseRow, ImageRow>(_pipeline);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _engine.Dispose();
        _session.Dispose();
        _sessionAllCores.Dispose();
        _package.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public float OnnxRuntime()
    {
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor("noise", new DenseTensor<float>(_noise, [Batch, ProductionSetup.NoiseDimension]))]);
        return results.Single(r => r.Name == "image").AsTensor<float>()[0, 0, 0, 0];
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public float OnnxRuntimeAllCores()
    {
        using var results = _sessionAllCores.Run([NamedOnnxValue.CreateFromTensor("noise", new DenseTensor<float>(_noise, [Batch, ProductionSetup.NoiseDimension]))]);
        return results.Single(r => r.Name == "image").AsTensor<float>()[0, 0, 0, 0];
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public float MlNetBatchTransform()
    {
        float sum = 0;
        using var cursor = _pipeline.Transform(_noiseView).GetRowCursor(_pipeline.GetOutputSchema(_noiseView.Schema));
        var getter = cursor.GetGetter<VBuffer<float>>(cursor.Schema["Image"]);
        VBuffer<float> image = default;
        while (cursor.MoveNext())
        {
            getter(ref image);
            sum += image.GetValues()[0];
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public float MlNetPredictionEngine()
    {
        float sum = 0;
        foreach (var row in _rows)
        {
            sum += _engine.Predict(row).Image[0];
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public float CSharpPath() => _decoder.Decode(_package.Generator.Generate(_noise))[0];
}
