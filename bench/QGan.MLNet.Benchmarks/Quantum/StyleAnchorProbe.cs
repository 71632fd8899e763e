using System.Diagnostics;
using System.Globalization;
using System.Text;
using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.Style;

namespace QGan.MLNet.Benchmarks.Quantum;

/// <summary>
/// The project's side of the anchor comparison with other statevector simulators (docs/quantum-engine.md,
/// "Anchors"): the <see cref="StyleGeneratorBenchmarks"/> workload (n = 12, L = 8, batch 256, seed 42, double, one
/// thread) written out as plain text so that any simulator can run exactly the same circuits, and timed here.
/// Files written to DIR: <c>circuit.txt</c> (one gate per line in circuit order: kind, target, control or -1),
/// <c>angles.txt</c> (one line per sample, the 492 angles in gate order, round-trip precision) and
/// <c>engine-outputs.txt</c> (one line per sample: &lt;Z_0&gt;..&lt;Z_11&gt;, &lt;X_0&gt;..&lt;X_11&gt; after the whole circuit).
/// Then the one-thread forward call is timed after a warm-up: best wall-clock and process-CPU time of N calls, in ms
/// per batch, with the two per-amplitude figures of docs/quantum-engine.md.
/// Run: <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- style-anchor DIR [repetitions]</c>.
/// </summary>
public static class StyleAnchorProbe
{
    public const string Command = "style-anchor";

    public static void Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: style-anchor DIR [repetitions]");
            Environment.ExitCode = 2;
            return;
        }
        var dir = args[1];
        var repetitions = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
        Directory.CreateDirectory(dir);
        const int batch = StyleGeneratorBenchmarks.Batch;
        var arch = new StyleArchitecture(StyleGeneratorBenchmarks.Qubits, StyleGeneratorBenchmarks.Layers, StyleGeneratorBenchmarks.LatentDim);
        var rng = new Random(42);
        double[] Uniform(int count, double scale) => Enumerable.Range(0, count).Select(_ => scale * (2 * rng.NextDouble() - 1)).ToArray();
        var w = Uniform(arch.EncodedGateCount, Math.PI);
        var b = Uniform(arch.EncodedGateCount, Math.PI);
        var z = Uniform(batch * arch.LatentDim, 1);
        var y = new double[batch * arch.OutputCount];
        var generator = new StyleGenerator(arch, maxDegreeOfParallelism: 1);
        // Warm-up: enough calls for the tiered JIT to replace the first-tier code of the kernels (at least 60
        // calls and 2 s), so the timed calls run the optimised code, as in BenchmarkDotNet.
        var warmup = Stopwatch.StartNew();
        for (var call = 0; call < 60 || warmup.Elapsed.TotalSeconds < 2; call++)
        {
            generator.Forward(w, b, z, y);
        }

        var circuit = new StringBuilder();
        foreach (var op in arch.GateSkeleton())
        {
            circuit.Append(CultureInfo.InvariantCulture, $"{(op.Kind == GateKind.CRY ? "cry" : op.Kind == GateKind.RY ? "ry" : "rz")} {op.Target} {(op.Kind == GateKind.CRY ? op.Control : -1)}\n");
        }
        File.WriteAllText(Path.Combine(dir, "circuit.txt"), circuit.ToString());
        var angles = new double[arch.EncodedGateCount];
        var anglesText = new StringBuilder();
        var outputsText = new StringBuilder();
        for (var s = 0; s < batch; s++)
        {
            arch.Angles(w, b, z.AsSpan(s * arch.LatentDim, arch.LatentDim), angles);
            anglesText.AppendJoin(' ', angles.Select(a => a.ToString("R", CultureInfo.InvariantCulture))).Append('\n');
            outputsText.AppendJoin(' ', y.Skip(s * arch.OutputCount).Take(arch.OutputCount).Select(v => v.ToString("R", CultureInfo.InvariantCulture))).Append('\n');
        }
        File.WriteAllText(Path.Combine(dir, "angles.txt"), anglesText.ToString());
        File.WriteAllText(Path.Combine(dir, "engine-outputs.txt"), outputsText.ToString());

        double bestWall = double.MaxValue, bestCpu = double.MaxValue;
        var process = Process.GetCurrentProcess();
        for (var r = 0; r < repetitions; r++)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            generator.Forward(w, b, z, y);
            var wall = sw.Elapsed.TotalMilliseconds;
            process.Refresh();
            bestWall = Math.Min(bestWall, wall);
            bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpu0).TotalMilliseconds);
        }
        // Amplitude updates the engine performs per sample (StyleSampleRunner.Forward): the product state of layer 0
        // writes 2^(q+1) amplitudes for qubit q (2^(n+1) - 2 in all), each CRY updates the control = 1 half
        // (2^(n-1)), each fused block of layers 1..L-1 the whole state (2^n); the final RY layer is folded into the
        // readout (no update).
        int n = arch.Qubits, layers = arch.Layers;
        var updates = (1L << (n + 1)) - 2 + (long)layers * n * (1L << (n - 1)) + (long)(layers - 1) * n * (1L << n);
        var nominal = (long)arch.EncodedGateCount << n;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"engine forward, batch {batch}, 1 thread, double: best wall {bestWall:F2} ms, best CPU {bestCpu:F2} ms (of {repetitions}); " +
            $"{bestWall * 1e6 / (batch * (double)nominal):F4} ns per nominal amplitude-gate ({nominal} per sample), " +
            $"{bestWall * 1e6 / (batch * (double)updates):F4} ns per amplitude update performed ({updates} per sample, {nominal / (double)updates:F2}x fewer)"));
    }
}
