using System.CommandLine;
using QGan.MLNet.Core.Limits;
using QGan.MLNet.Transforms.Data.Png;
using QGan.MLNet.Transforms.Data.Synthetic;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan data synth --count N --seed S --out DIR [--force]</c>: writes the deterministic synthetic SAT-4-like data set
/// in the PNG folder layout, atomically; a non-empty DIR is only replaced with <c>--force</c>.
/// </summary>
public static class DataSynthCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "Number of patches.", DefaultValueFactory = _ => 4000 };
        var seed = new Option<ulong>("--seed") { Description = "Generator seed (same seed, same bytes on every machine).", DefaultValueFactory = _ => 42 };
        var output = new Option<string>("--out") { Description = "Output folder (PNG layout: <class>/NNNNNN.png).", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace a non-empty output folder." };
        var command = new Command("synth", "Write a synthetic SAT-4-like data set (NOT satellite data) as a PNG folder.");
        command.Options.Add(count);
        command.Options.Add(seed);
        command.Options.Add(output);
        command.Options.Add(force);
        command.SetAction(parseResult => CommandRunner.Run(() =>
        {
            var n = SizeLimits.Check(parseResult.GetValue(count), 1, SizeLimits.MaxSyntheticPatches, "--count");
            var dir = parseResult.GetValue(output)!;
            var split = Sat4SyntheticGenerator.Generate(n, parseResult.GetValue(seed));
            Sat4PngFolderWriter.WriteSplit(split, dir, parseResult.GetValue(force));
            Console.Out.WriteLine($"wrote {split.Count} synthetic patches to {dir}");
            return 0;
        }));
        return command;
    }
}
