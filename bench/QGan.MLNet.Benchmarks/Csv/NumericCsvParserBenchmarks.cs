using BenchmarkDotNet.Attributes;

namespace QGan.MLNet.Benchmarks.Csv;

/// <summary>
/// Numeric CSV parsing: <see cref="Rows"/> x 2048 standard-normal floats (shortest round-trip text, about 10.4 bytes
/// per value with its comma: 53 MB), read into doubles. MB/s = file size / mean time. The interleaved probe
/// (<see cref="NumericCsvProbe"/>, <c>-- csv-probe</c>) runs the same readers A, B, A, B on the 10,000-row file that
/// the throughput target refers to; docs/evaluation.md has both sets of figures.
/// Run: <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- --filter '*NumericCsvParserBenchmarks*'</c>
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class NumericCsvParserBenchmarks
{
    public const int Rows = 2_500;

    private string _path = "";

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"qgan-bench-csv-{Guid.NewGuid():N}.csv");
        NumericCsvParsers.Write(_path, Rows);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark(Baseline = true, Description = "hand-written (ReadLine + double.Parse)")]
    public double[] HandWritten() => NumericCsvParsers.HandWritten(_path, Rows);

    [Benchmark(Description = "NumericCsv.ReadRows (the project's reader)")]
    public double[] Project() => NumericCsvParsers.Project(_path, Rows);

    [Benchmark(Description = "Sep 0.18, 1 thread")]
    public double[] Sep1() => NumericCsvParsers.Sep(_path, Rows, 1);

    [Benchmark(Description = "Sep 0.18, 2 threads")]
    public double[] Sep2() => NumericCsvParsers.Sep(_path, Rows, 2);

    [Benchmark(Description = "CsvHelper 34, 1 thread")]
    public double[] CsvHelper1() => NumericCsvParsers.CsvHelper(_path, Rows, 1);

    [Benchmark(Description = "CsvHelper 34, 2 threads")]
    public double[] CsvHelper2() => NumericCsvParsers.CsvHelper(_path, Rows, 2);
}
