using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.ML;
using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Transforms.Data.Png;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Trainers.Gan.Evaluation;
using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.IO;
using QGan.MLNet.Transforms.Latent;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan sample --model DIR --count N --out grid.png</c>: draws N generated patches (noise -&gt; generator -&gt;
/// decoder) as a false-colour grid. DIR is a run directory of <c>qgan train</c> or its <c>generator/</c> folder.
/// </summary>
public static class SampleCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Run directory of qgan train, or its generator/ folder.", Required = true };
        var count = new Option<int>("--count") { Description = "Number of patches.", DefaultValueFactory = _ => 64 };
        var output = new Option<string>("--out") { Description = "PNG file for the grid.", Required = true };
        var seed = new Option<long>("--seed") { Description = "Noise seed.", DefaultValueFactory = _ => 0 };
        var columns = new Option<int>("--columns") { Description = "Patches per grid row (default: square grid)." };
        var autoencoder = new Option<string?>("--autoencoder") { Description = "Autoencoder directory whose decoder to use (default: the decoder saved with the generator)." };
        var latentsOut = new Option<string?>("--latents-out") { Description = "Also write the generated latents as CSV." };
        var command = new Command("sample", "Draw generated SAT-4 patches (false colour: NIR, R, G) from a trained generator.");
        foreach (var o in new Option[] { model, count, output, seed, columns, autoencoder, latentsOut })
        {
            command.Options.Add(o);
        }
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            int n = parse.GetValue(count);
            if (n < 1 || n > 4096)
            {
                throw new ArgumentException($"--count must be in 1..4096, got {n}");
            }
            var outPath = parse.GetValue(output)!;
            if (!outPath.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"--out must be a .png file, got '{outPath}'");
            }
            var dir = GeneratorDirectory(parse.GetValue(model)!);
            var ml = new MLContext(seed: 0);
            using var generator = TrainedGenerator.Load(dir);
            var decoder = Decoder(ml, dir, generator.Manifest, parse.GetValue(autoencoder));
            if (decoder.LatentDimension != generator.LatentDimension)
            {
                throw new InvalidDataException($"the decoder takes {decoder.LatentDimension} latent values, the generator in {dir} produces {generator.LatentDimension}");
            }
            if (decoder.ImageLength != Sat4Schema.PixelCount)
            {
                throw new InvalidDataException($"the decoder produces {decoder.ImageLength} values per image, a SAT-4 patch has {Sat4Schema.PixelCount}");
            }

            var noise = new float[n * generator.NoiseDimension];
            new SeededRandom(unchecked((ulong)parse.GetValue(seed))).FillNormal(noise);
            var latents = generator.Generate(noise);
            var images = decoder.Decode(latents);
            int cols = parse.GetValue(columns) is int c and > 0 ? c : (int)Math.Ceiling(Math.Sqrt(n));
            var png = SampleGrid.Render(images, n, cols);
            if (parse.GetValue(latentsOut) is string csv)
            {
                AtomicFile.WriteAllText(csv, ToCsv(latents, generator.LatentDimension));
            }
            AtomicFile.WriteAllBytes(outPath, png);
            Console.WriteLine($"wrote {n} samples of the {generator.Manifest.Kind.ToString().ToLowerInvariant()} generator to {outPath}");
            return 0;
        }));
        return command;
    }

    private static string GeneratorDirectory(string path)
    {
        if (!Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"--model: directory {path} does not exist");
        }
        var nested = new GanRunLayout(path).GeneratorDirectory;
        return File.Exists(Path.Combine(path, TrainedGenerator.ManifestFileName)) ? path
            : Directory.Exists(nested) ? nested
            : throw new FileNotFoundException($"--model: {path} holds neither {TrainedGenerator.ManifestFileName} nor a generator/ folder");
    }

    private static OnnxLatentDecoder Decoder(MLContext ml, string generatorDir, GeneratorManifest manifest, string? autoencoder)
    {
        if (autoencoder is not null)
        {
            return new OnnxLatentDecoder(ml, AutoencoderTransformer.Load(ml, autoencoder).Decoder);
        }
        if (manifest.Decoder is null)
        {
            throw new ArgumentException($"the generator in {generatorDir} was trained without an autoencoder; pass --autoencoder DIR to decode its samples");
        }
        return new OnnxLatentDecoder(ml, LatentOnnxModel.Load(Path.Combine(generatorDir, manifest.Decoder), LatentModelKind.Decoder));
    }

    private static string ToCsv(float[] latents, int width)
    {
        var sb = new StringBuilder();
        for (int r = 0; r < latents.Length / width; r++)
        {
            for (int k = 0; k < width; k++)
            {
                if (k > 0)
                {
                    sb.Append(',');
                }
                sb.Append(latents[r * width + k].ToString("R", CultureInfo.InvariantCulture));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
