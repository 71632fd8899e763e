using System.CommandLine;
using QGan.MLNet.Cli.Report;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan report</c>: a self-contained HTML page (<c>index.html</c> + PNG figures beside it) from a sweep directory.
/// Everything is computed in memory first; the files are written atomically, index.html last.
/// </summary>
public static class ReportCommand
{
    public const string IndexFileName = "index.html";

    public static Command Create()
    {
        var sweep = new Option<string>("--sweep") { Description = "Sweep directory (qgan sweep --out).", Required = true };
        var output = new Option<string>("--out") { Description = "Report directory (index.html and PNG figures).", Required = true };
        var command = new Command("report", "Write an HTML report (figures, scaling fits, research questions) for a sweep.");
        command.Options.Add(sweep);
        command.Options.Add(output);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var inputs = ReportInputs.Load(parse.GetValue(sweep)!);
            var figures = SweepFigures.All(inputs).ToList();
            var (samples, missing) = SampleGrids.Draw(inputs);
            var answers = ResearchQuestions.AnswerAll(inputs);
            var html = HtmlReport.Render(inputs, answers, figures, samples, missing);

            var dir = Path.GetFullPath(parse.GetValue(output)!);
            Directory.CreateDirectory(dir);
            var files = figures.Concat(samples.SelectMany(s => s.Views)).ToList();
            foreach (var f in files)
            {
                AtomicFile.WriteAllBytes(Path.Combine(dir, f.FileName), f.Png);
            }
            AtomicFile.WriteAllText(Path.Combine(dir, IndexFileName), html);
            Console.WriteLine($"wrote {Path.Combine(dir, IndexFileName)} with {files.Count} figures");
            foreach (var a in answers)
            {
                Console.WriteLine($"- {a.Question} {a.Finding}");
            }
            return 0;
        }));
        return command;
    }
}
