using System.CommandLine;
using QGan.MLNet.Cli.Slurm;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Execution;
using QGan.MLNet.Experiments.Runs;
using Spectre.Console;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan sweep</c>: a capacity-scaling grid of <c>qgan train</c> runs in parallel worker processes, then
/// <c>runs.csv</c> and <c>summary.json</c> (docs/sweep.md). Subcommands: run-one, collect, list.
/// </summary>
public static class SweepCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "Sweep config (JSON, see docs/sweep.md).", Required = true };
        var output = new Option<string>("--out") { Description = "Sweep directory (created; an existing one is resumed).", Required = true };
        var workers = new Option<int>("--workers") { Description = "Concurrent worker processes (default: number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var threads = new Option<int>("--worker-threads") { Description = "libtorch threads per worker (default 1: small networks run fastest single-threaded, and N workers then use N cores).", DefaultValueFactory = _ => 1 };

        var command = new Command("sweep", "Train a grid of generator x critic capacities x seeds and analyse how capacity scales.");
        command.Options.Add(config);
        command.Options.Add(output);
        command.Options.Add(workers);
        command.Options.Add(threads);
        var executor = new Option<string>("--executor") { Description = "local: worker processes on this machine; slurm: submit a Slurm job array (docs/slurm.md).", DefaultValueFactory = _ => "local" };
        executor.AcceptOnlyFromAmong("local", "slurm");
        command.Options.Add(executor);
        var slurm = SlurmCliOptions.AddTo(command);
        command.Subcommands.Add(SweepRunOneCommand.Create());
        command.Subcommands.Add(SweepCollectCommand.Create());
        command.Subcommands.Add(SweepListCommand.Create());
        command.Subcommands.Add(SweepStatusCommand.Create());
        command.Subcommands.Add(SweepResubmitCommand.Create());
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            if (SweepSlurmCommand.Handles(parse, executor, slurm))
            {
                return SweepSlurmCommand.Submit(parse, slurm, parse.GetValue(config)!, parse.GetValue(output)!);
            }
            int workerCount = parse.GetValue(workers);
            if (workerCount < 1)
            {
                throw new ArgumentException($"--workers must be >= 1, got {workerCount}");
            }
            int threadCount = parse.GetValue(threads);
            if (threadCount < 1)
            {
                throw new ArgumentException($"--worker-threads must be >= 1, got {threadCount}");
            }
            var sweep = SweepConfigParser.Load(parse.GetValue(config)!);
            var layout = SweepDirectory.Prepare(sweep, parse.GetValue(output)!);
            AnsiConsole.MarkupLine($"[bold]sweep[/] {sweep.RunCount} runs ({sweep.GeneratorGrid().Count} generators x {sweep.Critic.Widths.Count} critics x {sweep.Seeds.Count} seeds), {workerCount} workers -> {Markup.Escape(layout.Directory)}");

            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
            Console.CancelKeyPress += onCancel;
            LocalSweepExecutor.Outcome outcome;
            try
            {
                outcome = RunWithProgress(new LocalSweepExecutor(layout, sweep, workerCount, threadCount), cancel.Token);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
            var summary = SweepCollector.Collect(layout);
            SweepCollectCommand.Print(summary, layout);
            return outcome.Failures.Count == 0 ? 0 : CommandRunner.InternalError;
        }));
        return command;
    }

    private static LocalSweepExecutor.Outcome RunWithProgress(LocalSweepExecutor executor, CancellationToken token)
    {
        LocalSweepExecutor.Outcome? outcome = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("runs");
                outcome = executor.Run((done, running, failed, total) =>
                {
                    task.MaxValue = total;
                    task.Value = done;
                    task.Description = $"runs: {done}/{total} done, {running} running, {failed} failed";
                }, token);
            });
        return outcome!;
    }
}
