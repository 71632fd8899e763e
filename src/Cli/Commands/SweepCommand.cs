using System.Globalization;
using System.CommandLine;
using QGan.MLNet.Cli.Slurm;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Execution;
using QGan.MLNet.Experiments.Runs;
using Spectre.Console;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan sweep</c>: a capacity-scaling grid of <c>qgan train</c> runs in parallel worker processes, then
/// <c>runs.csv</c> and <c>summary.json</c> (docs/sweep.md). Subcommands: run-one, collect, analyze, list, status, resubmit.
/// </summary>
public static class SweepCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "Sweep config (JSON, see docs/sweep.md).", Required = true };
        var output = new Option<string?>("--out") { Description = "Sweep directory (created; an existing one is resumed). Required unless --estimate." };
        var estimate = new Option<bool>("--estimate") { Description = "Print the number of runs and the estimated core-hours (measured per-iteration costs on this machine, one thread) and stop; nothing is written." };
        var workers = new Option<int>("--workers") { Description = "Concurrent worker processes (default: number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var threads = new Option<int>("--worker-threads") { Description = "libtorch threads per worker (default 1: small networks run fastest single-threaded, and N workers then use N cores).", DefaultValueFactory = _ => 1 };

        var command = new Command("sweep", "Train a grid of generator x critic capacities x seeds and analyse how capacity scales.");
        command.Options.Add(config);
        command.Options.Add(output);
        command.Options.Add(workers);
        command.Options.Add(threads);
        command.Options.Add(estimate);
        var executor = new Option<string>("--executor") { Description = "local: worker processes on this machine; slurm: submit a Slurm job array (docs/slurm.md).", DefaultValueFactory = _ => "local" };
        executor.AcceptOnlyFromAmong("local", "slurm");
        command.Options.Add(executor);
        var slurm = SlurmCliOptions.AddTo(command);
        command.Subcommands.Add(SweepRunOneCommand.Create());
        command.Subcommands.Add(SweepWorkCommand.Create());
        command.Subcommands.Add(SweepCollectCommand.Create());
        command.Subcommands.Add(SweepAnalyzeCommand.Create());
        command.Subcommands.Add(SweepListCommand.Create());
        command.Subcommands.Add(SweepStatusCommand.Create());
        command.Subcommands.Add(SweepResubmitCommand.Create());
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            if (parse.GetValue(estimate))
            {
                return Estimate(SweepConfigParser.Load(parse.GetValue(config)!), parse.GetValue(workers));
            }
            var outDir = parse.GetValue(output) ?? throw new ArgumentException("--out DIR is required (the sweep directory), unless --estimate");
            if (SweepSlurmCommand.Handles(parse, executor, slurm))
            {
                return SweepSlurmCommand.Submit(parse, slurm, parse.GetValue(config)!, outDir);
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
            var layout = SweepDirectory.Prepare(sweep, outDir);
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
            SweepCollectCommand.PostPass(sweep, layout);
            var summary = SweepCollector.Collect(layout);
            SweepCollectCommand.Print(summary, layout, wroteRunsCsv: true);
            return outcome.Failures.Count == 0 ? 0 : CommandRunner.InternalError;
        }));
        return command;
    }

    /// <summary><c>--estimate</c>: the run count and the cost model's figures, measured on this machine (nothing is written).</summary>
    private static int Estimate(SweepConfig sweep, int workers)
    {
        int rates = sweep.GeneratorGrid().Select(g => sweep.LearningRates(g.Kind).Count).Distinct().Count() == 1
            ? sweep.LearningRates(sweep.GeneratorGrid()[0].Kind).Count : -1;
        AnsiConsole.MarkupLine(
            $"[bold]{sweep.RunCount} runs[/]: {sweep.GeneratorGrid().Count} generators x {sweep.Critic.Widths.Count} critic widths x " +
            $"{(rates < 0 ? "per-kind" : rates.ToString(CultureInfo.InvariantCulture))} learning-rate pairs x {sweep.Seeds.Count} seeds x {Math.Max(1, sweep.AutoencoderList().Count)} autoencoders, " +
            $"up to {sweep.Training.Iterations} iterations each{(sweep.Training.EarlyStop is null ? "" : " (early stopping)")}");
        AnsiConsole.MarkupLine("[grey]measuring per-iteration costs on this machine (one thread)...[/]");
        TorchSharp.torch.set_num_threads(1);
        var result = SweepCostEstimate.Estimate(sweep, line => AnsiConsole.MarkupLine($"[grey]  {Markup.Escape(line)}[/]"));
        string bound = sweep.Training.EarlyStop is null ? "" : "at most ";
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"estimated cost: [bold]{bound}{result.CoreHours:F2} core-hours[/] (training {result.TrainingCoreSeconds / 3600:F2}, evaluation {result.EvaluationCoreSeconds / 3600:F2}, post-pass {result.PostPassCoreSeconds / 3600:F2}); " +
            $"{bound}{result.WallSeconds(workers) / 60:F1} min on {workers} one-thread workers (longest run {result.LongestRunSeconds / 60:F1} min)"));
        if (sweep.Training.EarlyStop is not null)
        {
            AnsiConsole.MarkupLine("[grey]every run is counted to its iteration budget; runs that stop early on a plateau cost less[/]");
        }
        return 0;
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
