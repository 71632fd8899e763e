using System.CommandLine;
using QGan.MLNet.Cli.Commands;

namespace QGan.MLNet.Cli;

/// <summary>Entry point of the <c>qgan</c> command-line tool.</summary>
public static class Program
{
    public static int Main(string[] args) => BuildRoot().Parse(args).Invoke();

    /// <summary>The full command tree; each command lives in its own file under <c>Commands/</c>.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "qgan: latent style-based hybrid quantum GANs for SAT-4 imagery, as ML.NET components.");
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(DataCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(CircuitCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(SampleCommand.Create());
        root.Subcommands.Add(TrainAeCommand.Create());
        root.Subcommands.Add(TrainFeaturesCommand.Create());
        root.Subcommands.Add(FeaturesCommand.Create());
        root.Subcommands.Add(EncodeCommand.Create());
        root.Subcommands.Add(DecodeCommand.Create());
        root.Subcommands.Add(HardwareSimCommand.Create());
        root.Subcommands.Add(ExportQasmCommand.Create());
        root.Subcommands.Add(ImportCountsCommand.Create());
        root.Subcommands.Add(SweepCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(ExportOnnxCommand.Create());
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        return root;
    }
}
