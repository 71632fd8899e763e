using BenchmarkDotNet.Attributes;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Data.Csv;
using QGan.MLNet.Transforms.Data.Mat;
using QGan.MLNet.Transforms.Data.Synthetic;

namespace QGan.MLNet.Benchmarks.Data;

/// <summary>
/// Read throughput of the SAT-4 readers on a generated data set of <see cref="Patches"/> patches
/// (20,000 x 3136 = 62.7 MB of pixels): MB/s of pixel data = 62.7 / mean seconds. PNG folders: <see cref="Sat4PngBenchmarks"/>.
/// Run: <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- --filter '*Sat4ReadBenchmarks*'</c>
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 5)]
public class Sat4ReadBenchmarks
{
    public const int Patches = 20_000;

    private string _dir = "";
    private string _plainMat = "";
    private string _compressedMat = "";
    private string _csv = "";

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "qgan-bench-data-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        var split = Sat4SyntheticGenerator.Generate(Patches, seed: 1);
        var data = new Sat4DataSet([split], null, "synthetic");
        _plainMat = Path.Combine(_dir, "plain.mat");
        _compressedMat = Path.Combine(_dir, "compressed.mat");
        Sat4MatWriter.Write(data, _plainMat, new Sat4MatWriteOptions());
        Sat4MatWriter.Write(data, _compressedMat, new Sat4MatWriteOptions { Compress = true });
        _csv = Path.Combine(_dir, "X_train_bench.csv");
        Sat4CsvWriter.Write(split, _csv, Path.Combine(_dir, "y_train_bench.csv"));
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [Benchmark(Description = "MAT v5 plain, 20k patches")]
    public int MatPlain() => Sat4MatReader.Read(_plainMat).Splits[0].Count;

    [Benchmark(Description = "MAT v5 compressed, 20k patches")]
    public int MatCompressed() => Sat4MatReader.Read(_compressedMat).Splits[0].Count;

    [Benchmark(Description = "Kaggle CSV, 20k patches")]
    public int KaggleCsv() => Sat4CsvReader.Read(_csv).Splits[0].Count;
}
