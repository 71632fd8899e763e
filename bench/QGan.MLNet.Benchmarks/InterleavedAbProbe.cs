using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using QGan.MLNet.Benchmarks.Gan;
using QGan.MLNet.Benchmarks.Production;

namespace QGan.MLNet.Benchmarks;

/// <summary>
/// Interleaved A/B comparisons for a shared machine: the variants of one comparison run alternately in the same
/// process (A B B A A B ...), so that load from other users hits them alike; the report gives the median per-round
/// ratio to the first variant, in wall time and in CPU time (getrusage: the process, or the calling thread for the
/// single-threaded ONNX figures), plus the load average before and after. Every variant first runs for a second
/// (tiered JIT), and a measurement repeats a variant until the first takes about 100 ms.
/// <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- ab transformer|onnx|threads [rounds]</c>,
/// <c>-- ab transformer rounds quantum-12x8|classical-64x64</c>, <c>-- ab onnx-files rounds A.onnx B.onnx ...</c>
/// <list type="bullet">
/// <item><c>transformer</c>: 10k rows through the GAN generator transformer (one cursor; a cursor set of 2) vs the
/// batched ONNX pipeline of the same generator, the pipeline called per block, reading the input alone and the
/// TorchSharp module (the C# engine for the quantum generator) on all rows, each with one thread (the
/// <see cref="GeneratorTransformerBenchmarks"/> methods).</item>
/// <item><c>onnx</c>: the exported noise-to-image model, one ONNX Runtime thread, batches of 64: images per second of
/// thread CPU time and of wall time (the <see cref="NoiseToImageThroughputBenchmarks.OnnxRuntime"/> method).</item>
/// <item><c>onnx-files A.onnx B.onnx ...</c>: noise-to-image model files run alternately (one ONNX Runtime thread,
/// batches of 64): the same generator exported by two versions of the exporter gives their speed ratio on this machine
/// whatever the load (docs/production.md, Benchmarks).</item>
/// <item><c>threads</c>: 100 training iterations with <c>Threads</c> = 1 vs 0 (one per core), each under a competing
/// load of one busy process per core (the <see cref="TrainingThreadsBenchmarks"/> method).</item>
/// </list>
/// </summary>
public static class InterleavedAbProbe
{
    public const string Command = "ab";

    public static void Run(string[] args)
    {
        string what = args.Length > 1 ? args[1] : "transformer";
        int rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 6;
        Console.WriteLine($"load average before: {CpuClock.LoadAverage()}");
        switch (what)
        {
            case "transformer":
                // One libtorch thread for the TorchSharp variant, like the ONNX Runtime sessions (one intra-op thread).
                TorchSharp.torch.set_num_threads(1);
                foreach (var kind in args.Length > 3 ? args[3..] : ["quantum-12x8", "classical-64x64"])
                {
                    var bench = new GeneratorTransformerBenchmarks { Generator = kind };
                    bench.Setup();
                    try
                    {
                        Compare($"10k rows, {kind}", rounds, CpuClock.ProcessMilliseconds,
                            ("BatchedOnnx", () => bench.BatchedOnnx()),
                            ("TransformerCursor", () => bench.TransformerCursor()),
                            ("BlockedOnnx", () => bench.BlockedOnnx()),
                            ("TransformerCursorSet(2)", () => bench.TransformerCursorSet()),
                            ("InputOnly (reading the noise)", () => bench.InputOnly()),
                            ("TorchSharpBatched", () => bench.TorchSharpBatched()));
                    }
                    finally
                    {
                        bench.Cleanup();
                    }
                }
                break;
            case "onnx":
                foreach (var kind in new[] { "quantum", "classical" })
                {
                    var bench = new NoiseToImageThroughputBenchmarks { Kind = kind };
                    bench.Setup();
                    try
                    {
                        const int batches = 40;
                        var (wall, cpu) = Measure(rounds, () =>
                        {
                            for (int i = 0; i < batches; i++)
                            {
                                bench.OnnxRuntime();
                            }
                        }, CpuClock.ThreadMilliseconds);
                        int images = batches * 64;
                        Console.WriteLine($"{kind}: exported noise-to-image model, 1 ONNX Runtime thread, {images} images per round, {rounds} rounds");
                        Console.WriteLine($"  images/s of thread CPU time: median {images / Median(cpu) * 1e3:F0}, best {images / cpu.Min() * 1e3:F0}");
                        Console.WriteLine($"  images/s of wall time:       median {images / Median(wall) * 1e3:F0}, best {images / wall.Min() * 1e3:F0}");
                    }
                    finally
                    {
                        bench.Cleanup();
                    }
                }
                break;
            case "onnx-files":
                CompareFiles(rounds, args[3..]);
                break;
            case "threads":
                foreach (var kind in new[] { "classical-64x64", "quantum-12x2" })
                {
                    var one = new TrainingThreadsBenchmarks { Generator = kind, Threads = 1, CompetingLoad = true };
                    var all = new TrainingThreadsBenchmarks { Generator = kind, Threads = 0, CompetingLoad = true };
                    one.Setup();
                    all.Setup();
                    Compare($"100 training iterations, {kind}, competing load of {Environment.ProcessorCount} busy processes", rounds, CpuClock.ProcessMilliseconds,
                        ("Threads=1", () => Loaded(one)),
                        ("Threads=0 (one per core)", () => Loaded(all)));
                }
                break;
            default:
                throw new ArgumentException($"unknown comparison '{what}' (transformer, onnx, onnx-files, threads)");
        }
        Console.WriteLine($"load average after: {CpuClock.LoadAverage()}");
    }

    /// <summary>
    /// Noise-to-image ONNX files (e.g. the same generator exported by two versions of the exporter), one ONNX Runtime
    /// thread each, batches of 64, run alternately; images per second of thread CPU time and the ratio to the first.
    /// </summary>
    private static void CompareFiles(int rounds, string[] files)
    {
        if (files.Length == 0)
        {
            throw new ArgumentException("onnx-files needs at least one model file");
        }
        const int batch = 64, batches = 20;
        var noise = ProductionSetup.Noise(batch);
        var sessions = new List<InferenceSession>();
        try
        {
            foreach (var file in files)
            {
                using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
                sessions.Add(new InferenceSession(file, options));
            }
            var variants = files.Zip(sessions, (file, session) => (Path.GetFileName(file), (Func<object>)(() =>
            {
                var input = new DenseTensor<float>(noise, [batch, ProductionSetup.NoiseDimension]);
                string name = session.InputMetadata.Keys.Single();
                for (int i = 0; i < batches; i++)
                {
                    using var results = session.Run([NamedOnnxValue.CreateFromTensor(name, input)]);
                }
                return 0;
            }))).ToArray();
            Compare($"noise-to-image models, 1 ONNX Runtime thread, {batches} batches of {batch} per round ({batch * batches} images)",
                rounds, CpuClock.ThreadMilliseconds, variants);
            Console.WriteLine($"  images/s of thread CPU time = {batch * batches} / (CPU ms) * 1000");
        }
        finally
        {
            sessions.ForEach(s => s.Dispose());
        }
    }

    private static int Loaded(TrainingThreadsBenchmarks bench)
    {
        bench.StartLoad();
        try
        {
            return bench.Train100Iterations();
        }
        finally
        {
            bench.StopLoad();
        }
    }

    private static void Compare(string title, int rounds, Func<double> cpuClock, params (string Name, Func<object> Run)[] variants)
    {
        // Warm-up: every variant for at least a second (tiered JIT compiles the hot cursor code to tier 1), then one
        // measurement repeats a variant until the baseline takes about 100 ms, so short runs are not timer noise.
        double baselineMs = double.MaxValue;
        foreach (var variant in variants)
        {
            var warm = Stopwatch.StartNew();
            int calls = 0;
            while (calls < 3 || warm.ElapsedMilliseconds < 1000)
            {
                long t0 = Stopwatch.GetTimestamp();
                variant.Run();
                calls++;
                if (variant.Name == variants[0].Name)
                {
                    baselineMs = Math.Min(baselineMs, Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
            }
        }
        int repeat = (int)Math.Clamp(Math.Ceiling(100 / baselineMs), 1, 1000);
        var wall = variants.Select(_ => new List<double>()).ToArray();
        var cpu = variants.Select(_ => new List<double>()).ToArray();
        for (int round = 0; round < rounds; round++)
        {
            var order = Enumerable.Range(0, variants.Length);
            foreach (int v in round % 2 == 0 ? order : order.Reverse())
            {
                var run = variants[v].Run;
                var (w, c) = Once(() =>
                {
                    for (int i = 0; i < repeat; i++)
                    {
                        run();
                    }
                    return 0;
                }, cpuClock);
                wall[v].Add(w / repeat);
                cpu[v].Add(c / repeat);
            }
        }
        Console.WriteLine($"{title} ({rounds} interleaved rounds of {repeat} call(s) each; ratio = median over rounds of variant / {variants[0].Name})");
        Console.WriteLine($"  {"variant",-26} | {"wall ms (median)",16} | {"ratio wall",10} | {"CPU ms (median)",15} | {"ratio CPU",9}");
        for (int v = 0; v < variants.Length; v++)
        {
            double wallRatio = Median(wall[v].Zip(wall[0], (a, b) => a / b).ToList());
            double cpuRatio = Median(cpu[v].Zip(cpu[0], (a, b) => a / b).ToList());
            Console.WriteLine($"  {variants[v].Name,-26} | {Median(wall[v]),16:F2} | {wallRatio,10:F3} | {Median(cpu[v]),15:F2} | {cpuRatio,9:F3}");
        }
    }

    private static (List<double> Wall, List<double> Cpu) Measure(int rounds, Action run, Func<double> cpuClock)
    {
        run();   // warm-up
        var wall = new List<double>();
        var cpu = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            var (w, c) = Once(() => { run(); return 0; }, cpuClock);
            wall.Add(w);
            cpu.Add(c);
        }
        return (wall, cpu);
    }

    private static (double Wall, double Cpu) Once(Func<object> run, Func<double> cpuClock)
    {
        double cpu0 = cpuClock();
        long t0 = Stopwatch.GetTimestamp();
        run();
        return (Stopwatch.GetElapsedTime(t0).TotalMilliseconds, cpuClock() - cpu0);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
