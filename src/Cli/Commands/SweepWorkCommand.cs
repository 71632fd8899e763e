using System.CommandLine;
using QGan.MLNet.Cli.Sweep;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Execution;
using QGan.MLNet.Experiments.Runs;
using TorchSharp;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan sweep work</c>: a worker process of the local executor. Reads run indices from standard input (one per line)
/// and trains each in this process (exactly <c>run-one</c>'s code path), answering with one protocol line per run.
/// </summary>
public static class SweepWorkCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "Sweep config (the original or DIR/sweep.json).", Required = true };
        var output = new Option<string>("--out") { Description = "Sweep directory.", Required = true };
        var threads = new Option<int>("--threads") { Description = "Threads of libtorch and the quantum simulator.", DefaultValueFactory = _ => 1 };
        var parentPid = new Option<int?>("--parent-pid") { Description = "Stop when this process exits (set by the local executor).", Hidden = true };

        var command = new Command("work", "Worker of the local executor: trains the run indices read from standard input, one after another, in one process.")
        {
            Hidden = true,
        };
        foreach (var o in new Option[] { config, output, threads, parentPid })
        {
            command.Options.Add(o);
        }
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            if (parse.GetValue(parentPid) is int pid)
            {
                ParentWatch.Start(pid);
            }
            int n = parse.GetValue(threads);
            if (n < 1)
            {
                throw new ArgumentException($"--threads must be >= 1, got {n}");
            }
            torch.set_num_threads(n);
            var sweep = SweepConfigParser.Load(parse.GetValue(config)!);
            var layout = SweepDirectory.Prepare(sweep, parse.GetValue(output)!);
            using var executor = new SweepRunExecutor(sweep, layout) { Threads = n };
            int failed = SweepWorker.Serve(executor, Console.In, Console.Out);
            return failed == 0 ? 0 : CommandRunner.InternalError;
        }));
        return command;
    }
}
