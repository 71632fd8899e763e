using System.CommandLine;
using QGan.MLNet.Cli.Slurm;
using QGan.MLNet.Experiments.Execution;
using QGan.MLNet.Experiments.Slurm;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan sweep resubmit</c>: submits again the runs whose Slurm task ended without a result (failed, cancelled,
/// timeout, node failure, preempted); they resume from their checkpoints. Finished, queued and running runs are never resubmitted.
/// </summary>
public static class SweepResubmitCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Sweep directory (submitted before with --executor slurm).", Required = true };
        var command = new Command("resubmit", "Resubmit failed or preempted Slurm runs of a sweep; they resume from their checkpoints.");
        command.Options.Add(output);
        var slurm = SlurmCliOptions.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var options = slurm.Read(parse);
            var (layout, config) = SweepDirectory.Open(parse.GetValue(output)!);
            if (!parse.GetValue(slurm.DryRun))
            {
                SlurmTools.Require("sbatch");
                SlurmSubmitter.CheckPartition(options);
            }
            if (SlurmJobsFile.Load(layout).Submissions.Count == 0)
            {
                throw new ArgumentException($"{layout.Directory} was never submitted to Slurm (no {SlurmJobsFile.PathOf(layout)}); use qgan sweep --executor slurm");
            }
            var outcome = SlurmSweepSubmission.Run(layout, config, options, parse.GetValue(slurm.DryRun), SlurmSweepSubmission.Selection.Failed);
            return SlurmSubmissionPrinter.Print(outcome, layout, config.RunCount, SlurmSweepSubmission.Selection.Failed);
        }));
        return command;
    }
}
