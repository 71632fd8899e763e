using System.CommandLine;
using System.Diagnostics;
using Microsoft.ML;
using QGan.MLNet.Cli.Hardware;
using QGan.MLNet.Quantum.Noise;
using QGan.MLNet.Trainers.Hardware;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan import-counts</c>: measured bitstring counts of the circuits written by <c>qgan export-qasm</c> back into
/// latents (and decoded images), evaluated against the exact generator on the same noise vectors and against data.
/// Prints the report (one JSON object) and writes it with the latents and an image grid.
/// </summary>
public static class ImportCountsCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Folder written by qgan train (the generator the circuits came from).", Required = true };
        var counts = new Option<string>("--counts") { Description = "Counts JSON (layouts in docs/hardware.md).", Required = true };
        var export = new Option<string?>("--export") { Description = "Folder written by qgan export-qasm (manifest.json, noise.csv); default: the folder of --counts." };
        var mitigate = new Option<string?>("--mitigate-readout") { Description = "Noise model JSON whose readout errors to undo in the estimates." };
        var output = new Option<string?>("--out") { Description = "Folder for <name>.json, <name>.latents.csv and <name>.png (default MODEL/hardware)." };
        var name = new Option<string?>("--name") { Description = "Report name (default: counts-<counts file name>)." };
        var reference = new ReferenceData();
        var command = new Command("import-counts", "Turn measured counts of exported circuits into latents and images, and evaluate them.");
        foreach (var o in new Option[] { model, counts, export, mitigate, output, name })
        {
            command.Options.Add(o);
        }
        reference.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var watch = Stopwatch.StartNew();
            var countsPath = parse.GetValue(counts)!;
            var exportDir = parse.GetValue(export) ?? Path.GetDirectoryName(Path.GetFullPath(countsPath))!;
            var generator = QuantumGeneratorCircuits.Load(parse.GetValue(model)!);
            var manifest = QasmBundleManifest.Load(exportDir);
            if (manifest.Generator.Qubits != generator.Qubits || manifest.Generator.Layers != generator.Architecture.Layers
                || manifest.Generator.NoiseDimension != generator.NoiseDimension)
            {
                throw new InvalidDataException(
                    $"{Path.Combine(exportDir, QasmBundleManifest.FileName)}: the circuits are for {manifest.Generator.Qubits} qubits, {manifest.Generator.Layers} layers, " +
                    $"the generator in {generator.Directory} has {generator.Qubits} qubits, {generator.Architecture.Layers} layers");
            }
            var noise = NoiseVectors.Read(Path.Combine(exportDir, manifest.NoiseFile), generator.NoiseDimension);
            if (noise.Length != manifest.Count)
            {
                throw new InvalidDataException($"{Path.Combine(exportDir, manifest.NoiseFile)}: {noise.Length} noise vectors, manifest.json says {manifest.Count}");
            }
            var samples = CountsFile.Read(countsPath, manifest);
            var mitigation = parse.GetValue(mitigate) is string file ? NoiseModelJson.Load(file) : null;
            var ml = new MLContext(seed: 0);
            var (decoder, data) = reference.Load(parse, ml, generator);
            var reportName = parse.GetValue(name) ?? "counts-" + Path.GetFileNameWithoutExtension(countsPath);
            var reportPath = HardwareOutputs.ReportPath(parse.GetValue(output), generator.Directory, reportName);

            var result = HardwareRun.FromCounts(generator, noise, samples, data, decoder, parse.GetValue(reference.PixelFid), mitigation, reportName, manifest.Seed);
            var report = result.Report with { WallSeconds = Math.Round(watch.Elapsed.TotalSeconds, 3) };
            HardwareOutputs.WriteGrid(reportPath, result.Latents, decoder);
            report = report.Save(reportPath, result.Latents);
            Console.Out.WriteLine(report.ToJson());
            Console.Error.WriteLine($"wrote {reportPath}");
            return 0;
        }));
        return command;
    }
}
