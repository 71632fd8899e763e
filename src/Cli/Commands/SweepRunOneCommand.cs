using System.CommandLine;
using QGan.MLNet.Cli.Sweep;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Execution;
using QGan.MLNet.Experiments.Runs;
using TorchSharp;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan sweep run-one</c>: one run of a sweep, the entry point of Slurm array tasks (the local executor's workers run
/// <c>qgan sweep work</c>, the same code for several runs). A finished run is not re-run; an unfinished one resumes
/// from its checkpoint.
/// </summary>
public static class SweepRunOneCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "Sweep config (the original or DIR/sweep.json).", Required = true };
        var index = new Option<int>("--index") { Description = "Run index in the expanded grid (0-based, see docs/sweep.md).", Required = true };
        var output = new Option<string>("--out") { Description = "Sweep directory.", Required = true };
        var threads = new Option<int>("--threads") { Description = "CPU threads of the run: libtorch intra-op threads and quantum simulator workers (0: one per core).", DefaultValueFactory = _ => 1 };
        var parentPid = new Option<int?>("--parent-pid") { Description = "Stop when this process exits (set by the local executor).", Hidden = true };

        var command = new Command("run-one", "Train one run of a sweep (resumes an unfinished run, skips a finished one).");
        foreach (var o in new Option[] { config, index, output, threads, parentPid })
        {
            command.Options.Add(o);
        }
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            if (parse.GetValue(parentPid) is int pid)
            {
                ParentWatch.Start(pid);
            }
            var sweep = SweepConfigParser.Load(parse.GetValue(config)!);
            int i = parse.GetValue(index);
            if (i < 0 || i >= sweep.RunCount)
            {
                throw new ArgumentException($"--index must be in 0..{sweep.RunCount - 1} for this sweep, got {i}");
            }
            int n = parse.GetValue(threads);
            if (n < 0)
            {
                throw new ArgumentException($"--threads must be >= 0 (0: one per core), got {n}");
            }
            var layout = SweepDirectory.Prepare(sweep, parse.GetValue(output)!);
            using var executor = new SweepRunExecutor(sweep, layout) { Threads = n };
            var (result, trained) = executor.Run(i);
            var how = trained ? (result.ResumedFrom is int from ? $"resumed from iteration {from}" : "trained") : "already finished";
            Console.WriteLine($"run {i}: {result.Status} at iteration {result.Iterations} ({how})");
            return 0;
        }));
        return command;
    }
}
