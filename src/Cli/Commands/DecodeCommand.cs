using System.CommandLine;
using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.Csv;
using QGan.MLNet.Transforms.Latent;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan decode</c>: latents.csv -> images.csv in the Kaggle layout (3136 values per row, (28,28,4) row-major,
/// channels last); integers 0..255 (round(v*255)) by default, floats in [0,1] with <c>--float</c>.
/// </summary>
public static class DecodeCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Autoencoder directory (holding decoder.onnx).", Required = true };
        var latents = new Option<string>("--latents") { Description = "CSV of latent vectors, one per row, no header.", Required = true };
        var output = new Option<string>("--out") { Description = "Output CSV of images (Kaggle layout).", Required = true };
        var asFloat = new Option<bool>("--float") { Description = "Write floats in [0,1] instead of integers 0..255." };

        var command = new Command("decode", "Decode latent vectors into SAT-4 images with decoder.onnx (through ML.NET).");
        foreach (var option in new Option[] { model, latents, output, asFloat })
        {
            command.Options.Add(option);
        }
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var decoderPath = Path.Combine(parse.GetValue(model)!, "decoder.onnx");
            var ml = new MLContext(seed: 0);
            var estimator = ml.QGan().Transforms.DecodeLatent(decoderPath);
            var decoder = estimator.Model;
            var rows = NumericCsv.ReadFloatRows(parse.GetValue(latents)!, checked((int)decoder.LatentSize), "the decoder's latent size").ToList();

            var definition = SchemaDefinition.Create(typeof(LatentRow));
            definition[nameof(LatentRow.Latent)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, (int)decoder.LatentSize);
            var view = ml.Data.LoadFromEnumerable(rows.Select(r => new LatentRow { Latent = r }), definition);
            var images = estimator.Fit(view).Transform(view).GetColumn<float[]>("Image");

            var outPath = parse.GetValue(output)!;
            var format = parse.GetValue(asFloat) ? PixelFormat.UnitFloat : PixelFormat.Byte;
            var shape = decoder.ImageShape;
            DecodedImageCsv.Write(outPath, images, (int)shape[0], (int)shape[1], (int)shape[2], format);
            Console.WriteLine($"decoded {rows.Count} latents into {outPath} ({(format == PixelFormat.Byte ? "integers 0..255" : "floats in [0,1]")}, (H,W,C) row-major)");
            return 0;
        }));
        return command;
    }

    private sealed class LatentRow
    {
        public float[] Latent { get; set; } = [];
    }
}
