using System.Diagnostics;

namespace QGan.MLNet.Benchmarks.Csv;

/// <summary>
/// Interleaved throughput probe for numeric CSV readers on a shared machine: the candidates run in rounds
/// (A, B, C, ... then again), so load changes hit all of them alike; reports the median and best MB/s of each.
/// Run: <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- csv-probe [rows] [rounds]</c>
/// (default 10,000 rows x 2048 values, about 213 MB, and 5 rounds).
/// </summary>
public static class NumericCsvProbe
{
    public const string Command = "csv-probe";

    public static void Run(string[] args)
    {
        int rows = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
        int rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5;
        var path = Path.Combine(Path.GetTempPath(), $"qgan-csv-probe-{Guid.NewGuid():N}.csv");
        try
        {
            long bytes = NumericCsvParsers.Write(path, rows);
            Console.WriteLine($"{rows} x {NumericCsvParsers.Columns} values, {bytes / 1e6:F1} MB; load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
            var readers = Readers();
            var reference = readers[0].Read(path, rows);
            var times = readers.Select(_ => new List<double>()).ToArray();
            for (int round = 0; round < rounds; round++)
            {
                for (int i = 0; i < readers.Length; i++)
                {
                    var sw = Stopwatch.StartNew();
                    var values = readers[i].Read(path, rows);
                    times[i].Add(sw.Elapsed.TotalSeconds);
                    if (round == 0 && !values.AsSpan().SequenceEqual(reference))
                    {
                        throw new InvalidOperationException($"{readers[i].Name} read other values than {readers[0].Name}");
                    }
                }
            }
            Console.WriteLine("reader                                  | median MB/s | best MB/s");
            for (int i = 0; i < readers.Length; i++)
            {
                var sorted = times[i].Order().ToArray();
                Console.WriteLine($"{readers[i].Name,-39} | {bytes / 1e6 / sorted[sorted.Length / 2],11:F0} | {bytes / 1e6 / sorted[0],9:F0}");
            }
            Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static (string Name, Func<string, int, double[]> Read)[] Readers() =>
    [
        ("hand-written (ReadLine + double.Parse)", NumericCsvParsers.HandWritten),
        ("NumericCsv.ReadRows (the project's)", NumericCsvParsers.Project),
        ("Sep 0.18, 1 thread", (p, r) => NumericCsvParsers.Sep(p, r, 1)),
        ("CsvHelper 34, 1 thread", (p, r) => NumericCsvParsers.CsvHelper(p, r, 1)),
        ("Sep 0.18, 2 threads", (p, r) => NumericCsvParsers.Sep(p, r, 2)),
        ("CsvHelper 34, 2 threads", (p, r) => NumericCsvParsers.CsvHelper(p, r, 2)),
    ];
}
