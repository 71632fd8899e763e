using System.CommandLine;
using System.Text.Json;
using QGan.MLNet.Transforms.Csv;
using QGan.MLNet.Transforms.Evaluation;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan eval fid|jsd --a A.csv --b B.csv</c>: the evaluation metrics on plain CSV files, printed as one JSON
/// object on stdout (other tools parse it; warnings go to stderr).
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var command = new Command("eval", "Evaluation metrics between two sets (FID on feature rows, JSD on SAT-4 image rows).");
        command.Subcommands.Add(CreateFid());
        command.Subcommands.Add(CreateJsd());
        command.Subcommands.Add(EvalFeaturesCommand.Create());
        return command;
    }

    private static Command CreateFid()
    {
        var a = FileOption("--a", "First set: CSV rows of comma-separated feature values, no header.");
        var b = FileOption("--b", "Second set: CSV rows with the same number of features as --a.");
        var command = new Command("fid", "Fréchet (FID) distance between the Gaussians fitted to two sets of feature rows. Prints {\"fid\": <number>}.");
        command.Options.Add(a);
        command.Options.Add(b);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var pathA = parse.GetValue(a)!;
            var pathB = parse.GetValue(b)!;
            // Compare the widths first so that a mismatch is reported before the (possibly long) accumulation.
            var widthA = NumericCsv.ReadRows(pathA).First().Length;
            var widthB = NumericCsv.ReadRows(pathB).First().Length;
            if (widthA != widthB)
            {
                throw new InvalidDataException($"Feature dimensions differ: {pathA} has {widthA}, {pathB} has {widthB}.");
            }
            var momentsA = GaussianMoments.FromRows(NumericCsv.ReadRows(pathA), pathA);
            var momentsB = GaussianMoments.FromRows(NumericCsv.ReadRows(pathB), pathB);
            var fid = FrechetDistance.Compute(momentsA, momentsB);
            foreach (var warning in EvaluationWarnings.ForMoments(momentsA, momentsB).Distinct())
            {
                Console.Error.WriteLine($"warning: {warning}");
            }
            WriteJson(w => w.WriteNumber("fid", fid.Value));
            return 0;
        }));
        return command;
    }

    private static Command CreateJsd()
    {
        var a = FileOption("--a", "First set: SAT-4 Kaggle CSV rows (28x28x4 channels-last, integers 0..255), no header.");
        var b = FileOption("--b", "Second set, same layout.");
        var bands = new Option<int>("--bands")
        {
            Description = "Channels per pixel (channels-last layout).",
            DefaultValueFactory = _ => 4,
        };
        var command = new Command("jsd", "Jensen-Shannon divergence (base 2) of the 256-bin intensity histograms per channel. Prints {\"jsd\": <mean>, \"per_channel\": [...]}.");
        command.Options.Add(a);
        command.Options.Add(b);
        command.Options.Add(bands);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var pathA = parse.GetValue(a)!;
            var pathB = parse.GetValue(b)!;
            var bandCount = parse.GetValue(bands);
            if (bandCount < 1)
            {
                throw new ArgumentException($"--bands must be at least 1 (got {bandCount}).");
            }
            var histA = ReadImages(pathA, bandCount, out var widthA);
            var histB = ReadImages(pathB, bandCount, out var widthB);
            if (widthA != widthB)
            {
                throw new InvalidDataException($"Image sizes differ: {pathA} has {widthA} values per row, {pathB} has {widthB}.");
            }
            var jsd = BandHistograms.Compare(histA, histB);
            WriteJson(w =>
            {
                w.WriteNumber("jsd", jsd.Mean);
                w.WriteStartArray("per_channel");
                foreach (var v in jsd.PerBand)
                {
                    w.WriteNumberValue(v);
                }
                w.WriteEndArray();
            });
            return 0;
        }));
        return command;
    }

    private static BandHistograms ReadImages(string path, int bands, out int width)
    {
        var histograms = new BandHistograms(bands, path);
        width = -1;
        long row = 0;
        foreach (var image in NumericCsv.ReadByteRows(path))
        {
            row++;
            if (image.Length % bands != 0)
            {
                throw new InvalidDataException(
                    $"{path}: row {row} has {image.Length} values, not a multiple of {bands} channels.");
            }
            width = image.Length;
            histograms.AddHwc(image);
        }
        return histograms;
    }

    private static Option<string> FileOption(string name, string description) => new(name)
    {
        Description = description,
        Required = true,
    };

    private static void WriteJson(Action<Utf8JsonWriter> body)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        stdout.WriteByte((byte)'\n');
    }
}
