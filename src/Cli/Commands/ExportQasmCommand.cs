using System.CommandLine;
using QGan.MLNet.Trainers.Hardware;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan export-qasm</c>: OpenQASM 3 circuits of a trained quantum generator for K noise samples, ready to submit
/// to a device, with <c>noise.csv</c> and <c>manifest.json</c> (see docs/hardware.md). The folder is written atomically.
/// </summary>
public static class ExportQasmCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Folder written by qgan train (run folder or its generator/).", Required = true };
        var count = new Option<int>("--count") { Description = "Number of noise samples (circuits per basis).", Required = true };
        var output = new Option<string>("--out") { Description = "Folder to create for the circuits, noise.csv and manifest.json.", Required = true };
        var seed = new Option<long>("--seed") { Description = "Seed of the noise vectors (same vectors as qgan sample --seed).", DefaultValueFactory = _ => 0 };
        var basis = new Option<string>("--basis") { Description = "Measurement circuits per sample: z, x or both (the ZX readout needs both).", DefaultValueFactory = _ => "both" };
        var parameterized = new Option<bool>("--parameterized") { Description = "One template per basis with input float[64] angles plus parameters.csv (one row per sample)." };
        var force = new Option<bool>("--force") { Description = "Replace a non-empty --out folder." };
        var command = new Command("export-qasm", "Write OpenQASM 3 circuits of a trained quantum generator for running on hardware.");
        foreach (var o in new Option[] { model, count, output, seed, basis, parameterized, force })
        {
            command.Options.Add(o);
        }
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            int k = parse.GetValue(count);
            if (k < 1 || k > 10_000)
            {
                throw new ArgumentException($"--count must be in 1..10000, got {k}");
            }
            var bases = parse.GetValue(basis)!.ToLowerInvariant() switch
            {
                "z" => QasmBases.Z,
                "x" => QasmBases.X,
                "both" => QasmBases.Both,
                var other => throw new ArgumentException($"--basis must be z, x or both, got '{other}'"),
            };
            var generator = QuantumGeneratorCircuits.Load(parse.GetValue(model)!);
            var outDir = parse.GetValue(output)!;
            var manifest = QasmBundle.Export(generator, outDir, k, parse.GetValue(seed), bases, parse.GetValue(parameterized), parse.GetValue(force));
            var files = manifest.Circuits.Select(c => c.File).Distinct().Count();
            Console.WriteLine($"wrote {manifest.Circuits.Count} circuits ({files} OpenQASM 3 files, {generator.Qubits} qubits), {QasmBundle.NoiseFileName} and {QasmBundleManifest.FileName} to {outDir}");
            Console.WriteLine($"run each circuit with {manifest.Shots.Recommended} shots, then: qgan import-counts --model {parse.GetValue(model)} --counts COUNTS.json --export {outDir}");
            return 0;
        }));
        return command;
    }
}
