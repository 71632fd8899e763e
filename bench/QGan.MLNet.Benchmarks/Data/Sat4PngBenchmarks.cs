using BenchmarkDotNet.Attributes;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Data.Png;
using QGan.MLNet.Transforms.Data.Synthetic;

namespace QGan.MLNet.Benchmarks.Data;

/// <summary>
/// PNG folder layout, 2,000 patches: export (encode + write + preview, atomic) and reading with the exact decoder.
/// The stock ML.NET ImageAnalytics path cannot run here: this process loads SkiaSharp 3 (through the CLI's
/// ScottPlot), which ImageAnalytics 5.0 does not support (see ImageAnalyticsPngDecoder.CheckSkiaSharp).
/// Run: <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- --filter '*Sat4PngBenchmarks*'</c>
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 5)]
public class Sat4PngBenchmarks
{
    private const int Patches = 2_000;
    private string _dir = "";
    private string _folder = "";
    private Sat4Split _split = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "qgan-bench-png-" + Guid.NewGuid().ToString("N"));
        _split = Sat4SyntheticGenerator.Generate(Patches, seed: 1);
        _folder = Path.Combine(_dir, "patches");
        Sat4PngFolderWriter.WriteSplit(_split, _folder);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [Benchmark(Description = "PNG export, 2k patches")]
    public void Export() => Sat4PngFolderWriter.WriteSplit(_split, Path.Combine(_dir, "export"), overwrite: true);

    [Benchmark(Description = "PNG read exact (SKCodec, unpremultiplied), 2k")]
    public int ReadExact() => Sat4PngFolderReader.Read(_folder).Splits[0].Count;
}
