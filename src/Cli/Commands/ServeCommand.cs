using System.CommandLine;
using QGan.MLNet.Cli.Inputs;
using QGan.MLNet.Serving;
using QGan.MLNet.Trainers.Production;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan serve --model model.onnx|DIR --urls http://127.0.0.1:PORT</c>: the scoring web service (GET /generate,
/// POST /encode, POST /score, GET /health, GET /model); runs until Ctrl+C. The service itself runs exported ONNX
/// models only (<see cref="ServingCommandLine"/>); given a run directory, <c>qgan</c> exports the generator + decoder
/// and the critic in memory first and takes the encoder from the autoencoder folder.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var autoencoder = new Option<string?>("--autoencoder")
        {
            Description = "With a run directory: autoencoder directory (decoder.onnx, encoder.onnx); default: the decoder saved with the generator, else models/sat4-synthetic.",
        };
        var command = new Command("serve", ServingCommandLine.Description + " --model takes model.onnx (qgan export-onnx) or a run directory of qgan train.");
        return ServingCommandLine.Configure(command,
            resolveDirectory: (directory, options, parse) => FromRunDirectory(directory, parse.GetValue(autoencoder), options),
            configure: (c, _) => c.Options.Add(autoencoder));
    }

    private static ServingOptions FromRunDirectory(string directory, string? autoencoder, ServingOptions options)
    {
        using var package = ProductionInputs.Open(directory, autoencoder);
        return options with
        {
            ModelPath = directory,
            ModelBytes = NoiseToImageExporter.ExportBytes(package.Generator, package.Decoder),
            CriticPath = options.CriticPath ?? package.Critic?.Source,
            CriticBytes = options.CriticPath is null ? package.Critic?.ExportOnnx() : null,
            EncoderPath = options.EncoderPath ?? package.Encoder?.Source,
        };
    }
}
