using System.Diagnostics;
using QGan.MLNet.Quantum.Style;

namespace QGan.MLNet.Benchmarks.Quantum;

/// <summary>
/// CPU-time companion of <see cref="StyleGeneratorBenchmarks"/> for shared machines, where wall-clock figures
/// mostly measure the other tenants: the same workload (n = 12, L = 8, batch 256), timed with the process CPU
/// clock (getrusage, all threads) as well as the wall clock, best of N repetitions. ns/amp/gate (CPU) is
/// CPU time / (batch * 2^n * G), i.e. the per-core cost whatever the thread count; equal CPU totals on 1 and 2
/// threads mean the parallel split adds no work.
/// Run: <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- quantum-cpu-time [repetitions]</c>.
/// </summary>
public static class StyleGeneratorCpuTimeProbe
{
    public const string Command = "quantum-cpu-time";

    public static void Run(string[] args)
    {
        int repetitions = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
        const int batch = StyleGeneratorBenchmarks.Batch;
        var arch = new StyleArchitecture(StyleGeneratorBenchmarks.Qubits, StyleGeneratorBenchmarks.Layers, StyleGeneratorBenchmarks.LatentDim);
        var rng = new Random(42);
        double[] Uniform(int count, double scale) => Enumerable.Range(0, count).Select(_ => scale * (2 * rng.NextDouble() - 1)).ToArray();
        var w = Uniform(arch.EncodedGateCount, Math.PI);
        var b = Uniform(arch.EncodedGateCount, Math.PI);
        var z = Uniform(batch * arch.LatentDim, 1);
        var gy = Uniform(batch * arch.OutputCount, 1);
        var y = new double[batch * arch.OutputCount];
        var dw = new double[arch.EncodedGateCount];
        var db = new double[arch.EncodedGateCount];
        var dz = new double[z.Length];
        double perAmplitudeGate = batch * (double)(1 << arch.Qubits) * arch.EncodedGateCount;
        Console.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("threads | call           | best wall ms | best CPU ms | samples per CPU-s | ns/amp/gate (CPU)");
        foreach (int threads in new[] { 1, 2 })
        {
            var generator = new StyleGenerator(arch, threads);
            var calls = new (string Name, Action Body)[]
            {
                ("forward", () => generator.Forward(w, b, z, y)),
                ("forward+VJP", () => generator.Backward(w, b, z, gy, dw, db, dz, outputs: y)),
            };
            foreach (var (name, body) in calls)
            {
                body();
                double bestWall = double.MaxValue, bestCpu = double.MaxValue;
                for (int r = 0; r < repetitions; r++)
                {
                    double cpu0 = CpuClock.ProcessMilliseconds();
                    var sw = Stopwatch.StartNew();
                    body();
                    bestWall = Math.Min(bestWall, sw.Elapsed.TotalMilliseconds);
                    bestCpu = Math.Min(bestCpu, CpuClock.ProcessMilliseconds() - cpu0);
                }
                Console.WriteLine($"{threads,7} | {name,-14} | {bestWall,12:F2} | {bestCpu,11:F2} | {batch / bestCpu * 1000,17:F0} | {bestCpu * 1e6 / perAmplitudeGate,17:F4}");
            }
        }
        Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
    }
}
