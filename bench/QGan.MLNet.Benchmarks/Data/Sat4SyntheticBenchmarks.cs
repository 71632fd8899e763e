using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Data.Synthetic;

namespace QGan.MLNet.Benchmarks.Data;

/// <summary>
/// Synthetic generation (10,000 patches) and a full pass of an ML.NET cursor over the data view (lazy uint8 -> float
/// conversion of every row).
/// Run: <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- --filter '*Sat4SyntheticBenchmarks*'</c>
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 5)]
public class Sat4SyntheticBenchmarks
{
    private Sat4Split _split = null!;

    [GlobalSetup]
    public void Setup() => _split = Sat4SyntheticGenerator.Generate(10_000, seed: 1);

    [Benchmark(Description = "Synthetic generate, 10k patches")]
    public int Generate() => Sat4SyntheticGenerator.Generate(10_000, seed: 42).Count;

    [Benchmark(Description = "Data view cursor pass, 10k rows")]
    public float CursorPass()
    {
        var view = _split.ToDataView(new MLContext(seed: 0));
        var image = view.Schema[Sat4Schema.ImageColumn];
        using var cursor = view.GetRowCursor([image]);
        var getter = cursor.GetGetter<VBuffer<float>>(image);
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
