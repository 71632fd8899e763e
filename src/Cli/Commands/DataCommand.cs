using System.CommandLine;

namespace QGan.MLNet.Cli.Commands;

/// <summary><c>qgan data</c>: SAT-4 data sets (inspect, synth, export).</summary>
public static class DataCommand
{
    public static Command Create()
    {
        var command = new Command("data", "SAT-4 data sets: inspect a .mat, Kaggle CSV or PNG folder; synthesize; convert between PNG folders, .mat and CSV.");
        command.Subcommands.Add(DataInspectCommand.Create());
        command.Subcommands.Add(DataSynthCommand.Create());
        command.Subcommands.Add(DataExportCommand.Create());
        return command;
    }
}
