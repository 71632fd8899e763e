using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using QGan.MLNet.Cli.Hardware;
using QGan.MLNet.Core.Limits;
using QGan.MLNet.Quantum.Noise;
using QGan.MLNet.Trainers.Hardware;
using Spectre.Console;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan hardware-sim</c>: runs a trained quantum generator as a device would (finite shots in the Z and X bases,
/// optionally a device noise model) and reports FID/JSD against the noise-free generator and against data.
/// Prints the report (one JSON object) and writes it with the measured latents to <c>MODEL/hardware/&lt;name&gt;.json</c>.
/// </summary>
public static class HardwareSimCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Folder written by qgan train (run folder or its generator/).", Required = true };
        var shots = new Option<long>("--shots") { Description = "Shots per circuit (each sample runs a Z and an X circuit).", DefaultValueFactory = _ => 4000 };
        var noise = new Option<string?>("--noise") { Description = "Device noise model JSON (qgan-noise-model/1, e.g. models/noise/ibm-heron-like.json); default: ideal device, shot noise only." };
        var count = new Option<int>("--count") { Description = "Number of noise samples.", DefaultValueFactory = _ => 256 };
        var seed = new Option<long>("--seed") { Description = "Seed of the noise vectors (as qgan sample) and of the shot/trajectory randomness.", DefaultValueFactory = _ => 0 };
        var trajectories = new Option<int>("--trajectories") { Description = "Noise trajectories per circuit (with --noise).", DefaultValueFactory = _ => 128 };
        var mitigate = new Option<bool>("--mitigate-readout") { Description = "Undo the noise model's readout error in the estimates." };
        var output = new Option<string?>("--out") { Description = "Folder for <name>.json, <name>.latents.csv and <name>.png (default MODEL/hardware)." };
        var name = new Option<string?>("--name") { Description = "Report name (default: <noise model|ideal>-<shots>shots)." };
        var reference = new ReferenceData();
        var command = new Command("hardware-sim", "Sample a trained quantum generator like hardware (shots, device noise) and evaluate it.");
        foreach (var o in new Option[] { model, shots, noise, count, seed, trajectories, mitigate, output, name })
        {
            command.Options.Add(o);
        }
        reference.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var watch = Stopwatch.StartNew();
            int k = parse.GetValue(count);
            if (k < 2 || k > 100_000)
            {
                throw new ArgumentException($"--count must be in 2..100000, got {k}");
            }
            long n = SizeLimits.Check(parse.GetValue(shots), 1, SizeLimits.MaxShots, "--shots");
            int t = SizeLimits.Check(parse.GetValue(trajectories), 1, SizeLimits.MaxTrajectories, "--trajectories");
            var generator = QuantumGeneratorCircuits.Load(parse.GetValue(model)!);
            var noiseModel = parse.GetValue(noise) is string file ? NoiseModelJson.Load(file) : null;
            if (parse.GetValue(mitigate) && noiseModel is null)
            {
                throw new ArgumentException("--mitigate-readout needs --noise FILE (its readout errors)");
            }
            long s = parse.GetValue(seed);
            var options = new HardwareSamplingOptions(n, noiseModel, t, unchecked((ulong)s), parse.GetValue(mitigate));
            var ml = new MLContext(seed: 0);
            var (decoder, data) = reference.Load(parse, ml, generator);
            var reportName = parse.GetValue(name) ?? string.Create(CultureInfo.InvariantCulture, $"{noiseModel?.Name ?? "ideal"}-{n}shots");
            var reportPath = HardwareOutputs.ReportPath(parse.GetValue(output), generator.Directory, reportName);

            // Progress goes to stderr: stdout carries only the JSON report.
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            HardwareResult? result = null;
            console.Progress().AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask($"{Markup.Escape(reportName)}: {k} samples", maxValue: k);
                    result = HardwareRun.Simulate(generator, options, k, s, data, decoder, parse.GetValue(reference.PixelFid), reportName, new SampleProgress(task));
                });
            var report = result!.Report with { WallSeconds = Math.Round(watch.Elapsed.TotalSeconds, 3) };
            HardwareOutputs.WriteGrid(reportPath, result.Latents, decoder);
            report = report.Save(reportPath, result.Latents);
            Console.Out.WriteLine(report.ToJson());
            Console.Error.WriteLine($"wrote {reportPath}");
            return 0;
        }));
        return command;
    }

    private sealed class SampleProgress(ProgressTask task) : IProgress<int>
    {
        public void Report(int value) => task.Value = value;
    }
}
