using System.CommandLine;

namespace QGan.MLNet.Cli.Commands;

/// <summary><c>qgan features</c>: feature networks for FID (the FID Inception-v3 import; <c>train-features</c> trains the SAT-4 one).</summary>
public static class FeaturesCommand
{
    public static Command Create()
    {
        var command = new Command("features", "Feature networks for FID: import pytorch-fid's Inception-v3 weights as an ONNX model.");
        command.Subcommands.Add(FeaturesImportInceptionCommand.Create());
        return command;
    }
}
