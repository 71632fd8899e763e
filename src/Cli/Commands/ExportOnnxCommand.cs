using QGan.MLNet.Cli.Inputs;
using System.CommandLine;
using QGan.MLNet.Trainers.Production;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan export-onnx --model DIR --out FILE.onnx [--autoencoder DIR] [--opset N]</c>: writes the trained generator
/// and its decoder as one ONNX model, <c>noise</c> [N, noise_dim] -&gt; <c>latent</c> [N, 24] and <c>image</c>
/// [N, 4, 28, 28] (the quantum circuit compiled to standard operators); with <c>--critic-out</c> also the run's critic,
/// <c>latent</c> -&gt; <c>score</c>, for the scoring service. Files are written atomically.
/// </summary>
public static class ExportOnnxCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Run directory of qgan train, or its generator/ folder.", Required = true };
        var output = new Option<string>("--out") { Description = "ONNX file to write.", Required = true };
        var autoencoder = new Option<string?>("--autoencoder") { Description = "Autoencoder directory whose decoder.onnx to append (default: the decoder saved with the generator, else models/sat4-synthetic)." };
        var opset = new Option<int>("--opset") { Description = "ONNX opset of the written model (>= 13).", DefaultValueFactory = _ => 17 };
        var criticOut = new Option<string?>("--critic-out") { Description = "Also write the run's critic (latent -> score) as an ONNX file, for qgan serve --critic." };
        var command = new Command("export-onnx", "Export a trained generator plus decoder as one noise-to-image ONNX model.");
        foreach (var o in new Option[] { model, output, autoencoder, opset, criticOut })
        {
            command.Options.Add(o);
        }
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var outPath = parse.GetValue(output)!;
            if (!outPath.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"--out must be an .onnx file, got '{outPath}'");
            }
            int version = parse.GetValue(opset);
            if (version is < 13 or > 21)
            {
                throw new ArgumentException($"--opset must be in 13..21, got {version}");
            }
            var criticPath = parse.GetValue(criticOut);
            if (criticPath is not null && !criticPath.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"--critic-out must be an .onnx file, got '{criticPath}'");
            }
            using var package = ProductionInputs.Open(parse.GetValue(model)!, parse.GetValue(autoencoder));
            if (criticPath is not null && package.Critic is null)
            {
                throw new ArgumentException(
                    $"--critic-out: {package.Directory} has no critic (the run's checkpoints/checkpoint.bin must be from the generator's final iteration)");
            }
            var critic = package.Critic?.ExportOnnx();
            NoiseToImageExporter.Save(package.Generator, package.Decoder, outPath, version);
            if (criticPath is not null)
            {
                AtomicFile.WriteAllBytes(criticPath, critic!);
                Console.WriteLine($"wrote {criticPath}: critic latent [N,{package.Manifest.LatentDimension}] -> score [N,1] (from {package.Critic!.Source})");
            }
            var m = package.Manifest;
            Console.WriteLine(
                $"wrote {outPath}: {m.Kind.ToString().ToLowerInvariant()} generator + decoder {package.Decoder.Source}; " +
                $"noise [N,{m.NoiseDimension}] -> latent [N,{m.LatentDimension}], image [N,{string.Join(",", package.Decoder.ImageShape)}]");
            return 0;
        }));
        return command;
    }
}
