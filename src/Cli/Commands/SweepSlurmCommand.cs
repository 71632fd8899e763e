using System.CommandLine;
using QGan.MLNet.Cli.Slurm;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Execution;
using QGan.MLNet.Experiments.Runs;
using QGan.MLNet.Experiments.Slurm;

namespace QGan.MLNet.Cli.Commands;

/// <summary><c>qgan sweep --executor slurm</c>: submits the unfinished runs of a sweep as one Slurm job array.</summary>
internal static class SweepSlurmCommand
{
    /// <summary>True for --executor slurm; Slurm flags with the local executor are refused (they would be ignored).</summary>
    public static bool Handles(ParseResult parse, Option<string> executor, SlurmCliOptions slurm)
    {
        if (parse.GetValue(executor) == "slurm")
        {
            return true;
        }
        var given = slurm.Given(parse).ToList();
        if (given.Count > 0)
        {
            throw new ArgumentException($"{string.Join(", ", given)} only apply with --executor slurm");
        }
        return false;
    }

    public static int Submit(ParseResult parse, SlurmCliOptions slurm, string configPath, string directory)
    {
        var options = slurm.Read(parse);
        bool dryRun = parse.GetValue(slurm.DryRun);
        if (!dryRun)
        {
            SlurmTools.Require("sbatch"); // before the sweep directory is created
            SlurmSubmitter.CheckPartition(options);
        }
        var config = SweepConfigParser.Load(configPath);
        // A dry run writes nothing: an existing sweep directory is still checked against the config.
        var layout = dryRun && !File.Exists(Path.Combine(Path.GetFullPath(directory), SweepConfig.FileName))
            ? new SweepLayout(Path.GetFullPath(directory))
            : SweepDirectory.Prepare(config, directory);
        var outcome = SlurmSweepSubmission.Run(layout, config, options, dryRun, SlurmSweepSubmission.Selection.Unfinished);
        return SlurmSubmissionPrinter.Print(outcome, layout, config.RunCount, SlurmSweepSubmission.Selection.Unfinished);
    }
}
