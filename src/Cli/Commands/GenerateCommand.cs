using QGan.MLNet.Cli.Inputs;
using System.CommandLine;
using Microsoft.ML;
using QGan.MLNet.Trainers.Gan.Evaluation;
using QGan.MLNet.Trainers.Production;
using QGan.MLNet.Transforms.Csv;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Latent;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan generate --model DIR --noise NOISE.csv --out IMAGES.csv</c>: the C# path (statevector simulator or
/// classical network, then the decoder) on given noise rows. NOISE.csv: no header, noise_dim values per row.
/// IMAGES.csv: one image per row, 3136 floats in [0,1] in the Kaggle layout ((28,28,4) row-major, channels last).
/// Every noise row is checked before anything runs; the output is written atomically.
/// </summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Run directory of qgan train, or its generator/ folder.", Required = true };
        var noise = new Option<string>("--noise") { Description = "Header-less CSV of noise rows (noise_dim values each).", Required = true };
        var output = new Option<string>("--out") { Description = "CSV of images: 3136 floats in [0,1] per row, (28,28,4) channels last.", Required = true };
        var autoencoder = new Option<string?>("--autoencoder") { Description = "Autoencoder directory whose decoder to use (default: the decoder saved with the generator, else models/sat4-synthetic)." };
        var latentsOut = new Option<string?>("--latents-out") { Description = "Also write the generated latents as CSV." };
        var command = new Command("generate", "Generate images from given noise rows with the C# simulator (or classical network) and the decoder.");
        foreach (var o in new Option[] { model, noise, output, autoencoder, latentsOut })
        {
            command.Options.Add(o);
        }
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            using var package = ProductionInputs.Open(parse.GetValue(model)!, parse.GetValue(autoencoder));
            var generator = package.Generator;
            var decoderModel = package.Decoder;
            if (decoderModel.ImageSize != Sat4Schema.PixelCount || decoderModel.ImageShape[0] != Sat4Schema.Channels)
            {
                throw new InvalidDataException($"decoder '{decoderModel.Source}' produces images [{string.Join(",", decoderModel.ImageShape)}], not SAT-4 patches [4,28,28]");
            }
            var noiseRows = NumericCsv.ReadFloatRows(parse.GetValue(noise)!, generator.NoiseDimension, "the generator's noise dimension").ToArray();
            var rows = noiseRows.Length;
            var latents = generator.Generate([.. noiseRows.SelectMany(r => r)]);
            var images = new OnnxLatentDecoder(new MLContext(seed: 0), decoderModel).Decode(latents);
            var outPath = parse.GetValue(output)!;
            if (parse.GetValue(latentsOut) is string latentPath)
            {
                NumericCsv.Write(latentPath, latents.Chunk(generator.LatentDimension));
            }
            DecodedImageCsv.Write(outPath, images.Chunk(Sat4Schema.PixelCount), Sat4Schema.Channels, Sat4Schema.Height, Sat4Schema.Width, PixelFormat.UnitFloat);
            Console.WriteLine($"wrote {rows} images of the {package.Manifest.Kind.ToString().ToLowerInvariant()} generator to {outPath}");
            return 0;
        }));
        return command;
    }
}
