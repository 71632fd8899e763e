using System.CommandLine;
using System.Globalization;
using QGan.MLNet.Transforms.Csv;
using QGan.MLNet.Transforms.Evaluation;
using QGan.MLNet.Transforms.Features;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan eval features</c>: runs an ONNX feature model (e.g. a user-supplied FID Inception-v3) on SAT-4 CSV images
/// and writes one feature row per image, ready for <c>qgan eval fid</c>. The output is written atomically.
/// </summary>
public static class EvalFeaturesCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "ONNX feature model.", Required = true };
        var images = new Option<string>("--images")
        {
            Description = "Images in the SAT-4 Kaggle CSV layout (28x28x4 channels-last integers 0..255 per row).",
            Required = true,
        };
        var output = new Option<string>("--out") { Description = "Output CSV: one row of features per image.", Required = true };
        var preset = new Option<string>("--preset")
        {
            Description = "'inception': FID Inception-v3 (R,G,B; bilinear 299x299; [-1,1]; 2048 features). 'sat4': the project's SAT-4 feature network (models/sat4-features/features.onnx; R,G,B,NIR; 28x28; [0,1]; 128 features). 'none': use the flags below.",
            DefaultValueFactory = _ => "none",
        };
        preset.AcceptOnlyFromAmong("none", "inception", "sat4");
        var inputName = new Option<string?>("--input-name") { Description = "ONNX input tensor (default: the model's only input)." };
        var outputName = new Option<string?>("--output-name") { Description = "ONNX output tensor (default: the model's only output)." };
        var bands = new Option<string>("--bands")
        {
            Description = "Comma-separated band indices fed to the model, e.g. 0,1,2 (R,G,B) or 3,3,3 (NIR replicated).",
            DefaultValueFactory = _ => "0,1,2",
        };
        var size = new Option<int?>("--size") { Description = "Square model input size (default: the image size)." };
        var range = new Option<string>("--range")
        {
            Description = "Range that [0,1] intensities are mapped to, 'lo,hi'.",
            DefaultValueFactory = _ => "0,1",
        };
        var alignCorners = new Option<bool>("--align-corners") { Description = "Bilinear resize with align_corners=True (default False, like torch)." };
        var batch = new Option<int>("--batch") { Description = "Images per ONNX run.", DefaultValueFactory = _ => 32 };
        var threads = new Option<int?>("--threads") { Description = "ONNX Runtime intra-op threads (default: ONNX Runtime's, one per core)." };
        var layout = new Option<string>("--layout")
        {
            Description = "Model input layout: nchw ([N,C,H,W], PyTorch) or nhwc ([N,H,W,C], TensorFlow).",
            DefaultValueFactory = _ => "nchw",
        };
        layout.AcceptOnlyFromAmong("nchw", "nhwc");

        var command = new Command("features", "Extract ONNX features (e.g. Inception-v3 for FID) of SAT-4 CSV images into a CSV of feature rows.");
        foreach (var option in new Option[] { model, images, output, preset, inputName, outputName, bands, size, range, alignCorners, batch, threads, layout })
        {
            command.Options.Add(option);
        }
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var imagesPath = parse.GetValue(images)!;
            var rows = NumericCsv.ReadByteRows(imagesPath);
            var first = rows.First();
            const int channels = 4;
            var side = ChannelsLastImage.SquareSide(first.Length, channels);
            if (side < 0)
            {
                throw new InvalidDataException($"{imagesPath}: row 1 has {first.Length} values, not a square {channels}-channel image.");
            }
            var (lo, hi) = ParseRange(parse.GetValue(range)!);
            var options = parse.GetValue(preset) switch
            {
                "inception" => OnnxFeatureExtractorOptions.InceptionV3Fid(parse.GetValue(model)!, parse.GetValue(inputName), parse.GetValue(outputName)),
                "sat4" => OnnxFeatureExtractorOptions.Sat4FeatureNetwork(parse.GetValue(model)!),
                _ => new OnnxFeatureExtractorOptions
                {
                    ModelPath = parse.GetValue(model)!,
                    OnnxInputName = parse.GetValue(inputName),
                    OnnxOutputName = parse.GetValue(outputName),
                    Bands = ParseBands(parse.GetValue(bands)!),
                    TargetHeight = parse.GetValue(size),
                    TargetWidth = parse.GetValue(size),
                    AlignCorners = parse.GetValue(alignCorners),
                }.WithInputRange(lo, hi),
            };
            options = options with
            {
                SourceChannels = channels,
                SourceHeight = side,
                SourceWidth = side,
                BatchSize = parse.GetValue(batch),
                IntraOpThreads = parse.GetValue(threads),
                InputLayout = parse.GetValue(layout) == "nhwc" ? OnnxTensorLayout.Nhwc : OnnxTensorLayout.Nchw,
            };
            using var extractor = new OnnxFeatureExtractor(options);
            var count = 0L;
            NumericCsv.Write(parse.GetValue(output)!, Extract(extractor, rows, first.Length).Select(f => { count++; return f; }));
            Console.Error.WriteLine($"wrote {count} x {extractor.FeatureDimension} features");
            return 0;
        }));
        return command;
    }

    /// <summary>Feature rows of the images in <paramref name="rows"/>, extracted in batches as the rows stream in.</summary>
    private static IEnumerable<float[]> Extract(OnnxFeatureExtractor extractor, IEnumerable<byte[]> rows, int width)
    {
        var batch = extractor.Options.BatchSize;
        var d = extractor.FeatureDimension;
        var images = new float[batch * width];
        var features = new float[batch * d];
        var pending = 0;
        foreach (var image in rows)
        {
            ChannelsLastImage.ToChw(image, 4, images.AsSpan(pending * width, width));
            if (++pending == batch)
            {
                extractor.ExtractBatch(images, pending, features);
                for (var i = 0; i < pending; i++)
                {
                    yield return features.AsSpan(i * d, d).ToArray();
                }
                pending = 0;
            }
        }
        if (pending > 0)
        {
            extractor.ExtractBatch(images.AsSpan(0, pending * width), pending, features);
            for (var i = 0; i < pending; i++)
            {
                yield return features.AsSpan(i * d, d).ToArray();
            }
        }
    }

    private static int[] ParseBands(string text)
    {
        try
        {
            return text.Split(',', StringSplitOptions.TrimEntries).Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray();
        }
        catch (FormatException)
        {
            throw new ArgumentException($"--bands '{text}' is not a comma-separated list of band indices.");
        }
    }

    private static (float Lo, float Hi) ParseRange(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !float.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lo)
            || !float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var hi)
            || !(lo < hi))
        {
            throw new ArgumentException($"--range '{text}' must be 'lo,hi' with lo < hi.");
        }
        return (lo, hi);
    }
}
