using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Trainers.Gan.MLNet;
using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Gan.Quantum;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Core.Randomness;
using TorchSharp;

namespace QGan.MLNet.Benchmarks.Gan;

/// <summary>
/// 10,000 rows through the GAN generator transformer against the batched API of the same model, for the quantum
/// (12 qubits x 8 layers) and the classical (64-64) generator, ONNX Runtime with one intra-op thread:
/// <list type="bullet">
/// <item><c>BatchedOnnx</c> (baseline): the generator's ONNX pipeline on all 10k noise rows in one call.</item>
/// <item><c>BlockedOnnx</c>: the same pipeline called once per block of the transformer's block size (what blocking
/// costs without ML.NET's cursors).</item>
/// <item><c>TransformerCursor</c>: <c>Transform</c> of a cached 10k-row noise view, read with one cursor (blocks of <see cref="GanGeneratorTransformer.BlockSize"/> rows).</item>
/// <item><c>TransformerCursorSet</c>: the same with <c>GetRowCursorSet(2)</c>, the cursors read in parallel.</item>
/// <item><c>InputOnly</c>: reading the noise column of the cached input view (the part of the cursor cost that is not the transformer).</item>
/// <item><c>TorchSharpBatched</c>: the TorchSharp module (SIMD simulator, one thread, for the quantum one) on all rows.</item>
/// </list>
/// <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- --filter '*GeneratorTransformer*'</c>
/// </summary>
[SimpleJob(warmupCount: 1, iterationCount: 5)]
public class GeneratorTransformerBenchmarks
{
    private const int Rows = 10_000;
    private const int NoiseDimension = 12;

    private readonly MLContext _ml = new(seed: 1);
    private GanGeneratorTransformer _transformer = null!;
    private IDataView _noiseView = null!;
    private float[] _noise = null!;
    private float[] _output = null!;

    [Params("quantum-12x8", "classical-64x64")]
    public string Generator { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        torch.manual_seed(1);
        TrainedGenerator generator;
        if (Generator.StartsWith("quantum", StringComparison.Ordinal))
        {
            var arch = new StyleArchitecture(12, 8, NoiseDimension, Readout.ZX);
            generator = new TrainedGenerator(new QuantumGenerator(arch, initRange: 1.0, new SimdStyleBackend(arch, maxDegreeOfParallelism: 1)), new GeneratorManifest
            {
                Kind = GeneratorKind.Quantum, LatentDimension = 24, NoiseDimension = NoiseDimension, Qubits = 12, Layers = 8,
                Readout = Readout.ZX, GeneratorParameterCount = arch.ParameterCount,
            });
        }
        else
        {
            var module = new ClassicalGenerator(NoiseDimension, [64, 64], 24);
            generator = new TrainedGenerator(module, new GeneratorManifest
            {
                Kind = GeneratorKind.Classical, LatentDimension = 24, NoiseDimension = NoiseDimension, GeneratorHidden = [64, 64],
                GeneratorParameterCount = module.ParameterCount,
            });
        }
        _transformer = new GanGeneratorTransformer(_ml, generator, "Noise", "Latent", 24, "Latent", seed: 1);
        _noise = new float[Rows * NoiseDimension];
        new SeededRandom(42).FillNormal(_noise);
        _output = new float[Rows * 24];
        _noiseView = _ml.Data.Cache(_transformer.CreateNoise(Rows, 42));
        _ = Read(_noiseView, "Noise");   // fill the cache
    }

    [GlobalCleanup]
    public void Cleanup() => _transformer.Dispose();

    [Benchmark(Baseline = true)]
    public float BatchedOnnx()
    {
        _transformer.NoisePipeline.Run(_noise, Rows, _output);
        return _output[0];
    }

    [Benchmark]
    public float BlockedOnnx()
    {
        int block = _transformer.BlockSize;
        for (int start = 0; start < Rows; start += block)
        {
            int count = Math.Min(block, Rows - start);
            _transformer.NoisePipeline.Run(_noise.AsSpan(start * NoiseDimension, count * NoiseDimension), count, _output.AsSpan(start * 24, count * 24));
        }
        return _output[0];
    }

    [Benchmark]
    public float TransformerCursor() => Read(_transformer.Transform(_noiseView), "Latent");

    [Benchmark]
    public float TransformerCursorSet()
    {
        var view = _transformer.Transform(_noiseView);
        var column = view.Schema["Latent"];
        var cursors = view.GetRowCursorSet([column], 2);
        var sums = new float[cursors.Length];
        Parallel.For(0, cursors.Length, i =>
        {
            using var cursor = cursors[i];
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> value = default;
            while (cursor.MoveNext())
            {
                getter(ref value);
                sums[i] += value.GetValues()[0];
            }
        });
        return sums.Sum();
    }

    [Benchmark]
    public float InputOnly() => Read(_noiseView, "Noise");

    [Benchmark]
    public float TorchSharpBatched() => _transformer.Generator.Generate(_noise)[0];

    private static float Read(IDataView view, string name)
    {
        var column = view.Schema[name];
        using var cursor = view.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> value = default;
        float sum = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            sum += value.GetValues()[0];
        }
        return sum;
    }
}
