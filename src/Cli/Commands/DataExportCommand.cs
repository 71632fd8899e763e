using System.CommandLine;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Data.Png;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan data export PATH --out DIR [--force]</c>: converts any SAT-4 source to the PNG folder layout
/// (<c>DIR/&lt;split&gt;/&lt;class&gt;/NNNNNN.png</c> plus <c>DIR/&lt;split&gt;/preview.png</c>), atomically.
/// </summary>
public static class DataExportCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A SAT-4 .mat file, Kaggle X_*.csv or PNG folder." };
        var output = new Option<string>("--out") { Description = "Output folder.", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace a non-empty output folder." };
        var command = new Command("export", "Export a SAT-4 data set to PNG folders (RGBA, NIR in alpha) with an RGB preview per split.");
        command.Arguments.Add(path);
        command.Options.Add(output);
        command.Options.Add(force);
        command.SetAction(parseResult => CommandRunner.Run(() =>
        {
            var data = Sat4DataLoader.Load(parseResult.GetValue(path)!);
            var dir = parseResult.GetValue(output)!;
            Sat4PngFolderWriter.Write(data, dir, parseResult.GetValue(force));
            Console.Out.WriteLine($"exported {string.Join(", ", data.Splits.Select(s => $"{s.Name} ({s.Count} patches)"))} from {data.Source} to {dir}");
            if (data.Annotations is not null)
            {
                Console.Out.WriteLine($"annotations: {string.Join("; ", data.Annotations.Select(row => string.Join(" / ", row)))}");
            }
            return 0;
        }));
        return command;
    }
}
