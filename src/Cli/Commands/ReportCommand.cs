using System.CommandLine;
using QGan.MLNet.Experiments.Report;

namespace QGan.MLNet.Cli.Commands;

/// <summary><c>qgan report</c>: the HTML report of a sweep (<see cref="StudyReport"/>).</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var sweep = new Option<string>("--sweep") { Description = "Sweep directory (qgan sweep --out).", Required = true };
        var output = new Option<string>("--out") { Description = "Report directory (index.html and PNG figures).", Required = true };
        var command = new Command("report", "Write an HTML report (figures, scaling fits, research questions) for a sweep.");
        command.Options.Add(sweep);
        command.Options.Add(output);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var result = StudyReport.Write(parse.GetValue(sweep)!, parse.GetValue(output)!);
            Console.WriteLine($"wrote {result.IndexPath} with {result.Figures} figures");
            foreach (var (question, finding) in result.Answers)
            {
                Console.WriteLine($"- {question} {finding}");
            }
            return 0;
        }));
        return command;
    }
}
