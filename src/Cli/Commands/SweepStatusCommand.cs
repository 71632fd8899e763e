using System.CommandLine;
using System.Text.Json;
using QGan.MLNet.Experiments.Execution;
using QGan.MLNet.Experiments.Slurm;
using Spectre.Console;

namespace QGan.MLNet.Cli.Commands;

/// <summary><c>qgan sweep status</c>: every run of a Slurm sweep as finished, running, pending, failed or not submitted.</summary>
public static class SweepStatusCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Sweep directory.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the status as JSON (format qgan-sweep-status/1)." };
        var command = new Command("status", "Show the runs of a sweep submitted to Slurm: finished, running, pending, failed (with the log tail), not submitted.");
        command.Options.Add(output);
        command.Options.Add(json);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var (layout, config) = SweepDirectory.Open(parse.GetValue(output)!);
            var jobs = SlurmJobsFile.Load(layout);
            var queue = SlurmQueue.Query(jobs.Submissions.Select(s => s.JobId).Distinct().ToList());
            var rows = SlurmRunStatus.Of(layout, config, jobs, queue);
            if (parse.GetValue(json))
            {
                Console.WriteLine(ToJson(rows, jobs));
            }
            else
            {
                Print(rows, jobs);
            }
            return 0;
        }));
        return command;
    }

    internal static string ToJson(IReadOnlyList<SlurmRunStatus> rows, SlurmJobsFile jobs)
    {
        var document = new
        {
            format = "qgan-sweep-status/1",
            counts = Enum.GetValues<SlurmRunState>().ToDictionary(SlurmRunStatus.Name, s => rows.Count(r => r.State == s)),
            jobs = jobs.Submissions.Select(s => new { jobId = s.JobId, kind = s.Kind, array = s.Array }),
            runs = rows.Select(r => new
            {
                index = r.Index,
                state = SlurmRunStatus.Name(r.State),
                job = r.Job,
                slurmState = r.SlurmState,
                detail = r.Detail,
                logTail = r.LogTail,
            }),
        };
        return JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true });
    }

    private static void Print(IReadOnlyList<SlurmRunStatus> rows, SlurmJobsFile jobs)
    {
        var counts = Enum.GetValues<SlurmRunState>().Select(s => $"{rows.Count(r => r.State == s)} {SlurmRunStatus.Name(s)}");
        AnsiConsole.MarkupLine($"{rows.Count} runs, {jobs.Submissions.Count} Slurm submission(s): {string.Join(", ", counts)}");
        var open = rows.Where(r => r.State != SlurmRunState.Finished).ToList();
        if (open.Count == 0)
        {
            AnsiConsole.MarkupLine("[green]every run is finished[/]; qgan sweep collect writes runs.csv and summary.json");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var name in new[] { "run", "state", "job", "slurm state", "detail" })
        {
            table.AddColumn(name);
        }
        foreach (var r in open)
        {
            var colour = r.State switch { SlurmRunState.Failed or SlurmRunState.Unknown => "red", SlurmRunState.Running => "green", _ => "yellow" };
            table.AddRow(r.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), $"[{colour}]{SlurmRunStatus.Name(r.State)}[/]",
                Markup.Escape(r.Job ?? "-"), Markup.Escape(r.SlurmState ?? "-"), Markup.Escape(r.Detail ?? ""));
        }
        AnsiConsole.Write(table);
        foreach (var r in open.Where(r => r.State is SlurmRunState.Failed or SlurmRunState.Unknown && r.LogTail.Count > 0))
        {
            AnsiConsole.Write(new Panel(Markup.Escape(string.Join('\n', r.LogTail))).Header($"run {r.Index}"));
        }
        if (open.Any(r => r.State is SlurmRunState.Failed or SlurmRunState.Unknown))
        {
            AnsiConsole.MarkupLine("failed and unknown runs resume from their checkpoints with: qgan sweep resubmit --out DIR");
        }
    }
}
