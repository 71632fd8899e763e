using System.CommandLine;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Data.Csv;
using QGan.MLNet.Transforms.Data.Mat;
using QGan.MLNet.Transforms.Data.Png;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan data export PATH --out OUT [--format png|mat|csv] [--force]</c>: converts any SAT-4 source.
/// <list type="bullet">
/// <item><c>png</c> (default): folder <c>OUT/&lt;split&gt;/&lt;class&gt;/NNNNNN.png</c> plus <c>OUT/&lt;split&gt;/preview.png</c>.</item>
/// <item><c>mat</c>: MAT v5 file OUT in the <c>sat-4-full.mat</c> layout, zlib-compressed.</item>
/// <item><c>csv</c>: folder OUT with the Kaggle pair <c>X_&lt;split&gt;.csv</c> / <c>y_&lt;split&gt;.csv</c> per split.</item>
/// </list>
/// Output is written atomically; an existing non-empty output is only replaced with <c>--force</c>.
/// </summary>
public static class DataExportCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A SAT-4 .mat file, Kaggle X_*.csv or PNG folder." };
        var output = new Option<string>("--out") { Description = "Output folder (png, csv) or .mat file (mat).", Required = true };
        var format = new Option<string>("--format") { Description = "png (default), mat or csv.", DefaultValueFactory = _ => "png" };
        format.AcceptOnlyFromAmong("png", "mat", "csv");
        var force = new Option<bool>("--force") { Description = "Replace existing output." };
        var command = new Command("export", "Convert a SAT-4 data set: PNG folders (RGBA, NIR in alpha) with an RGB preview per split, a MAT v5 file or Kaggle CSVs.");
        command.Arguments.Add(path);
        command.Options.Add(output);
        command.Options.Add(format);
        command.Options.Add(force);
        command.SetAction(parseResult => CommandRunner.Run(() =>
        {
            var data = Sat4DataLoader.Load(parseResult.GetValue(path)!);
            var target = parseResult.GetValue(output)!;
            var overwrite = parseResult.GetValue(force);
            switch (parseResult.GetValue(format))
            {
                case "mat":
                    if (File.Exists(target) && !overwrite)
                    {
                        throw new ArgumentException($"{target}: file exists (use --force to replace it).");
                    }
                    Sat4MatWriter.Write(data, target, new Sat4MatWriteOptions { Compress = true });
                    break;
                case "csv":
                    AtomicDirectory.Create(target, overwrite, tmp =>
                    {
                        foreach (var split in data.Splits)
                        {
                            Sat4CsvWriter.Write(split, Path.Combine(tmp, $"X_{split.Name}.csv"), Path.Combine(tmp, $"y_{split.Name}.csv"));
                        }
                    });
                    break;
                default:
                    Sat4PngFolderWriter.Write(data, target, overwrite);
                    break;
            }
            Console.Out.WriteLine($"exported {string.Join(", ", data.Splits.Select(s => $"{s.Name} ({s.Count} patches)"))} from {data.Source} to {target}");
            if (data.Annotations is not null)
            {
                Console.Out.WriteLine($"annotations: {string.Join("; ", data.Annotations.Select(row => string.Join(" / ", row)))}");
            }
            return 0;
        }));
        return command;
    }
}
