using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Experiments.Report;

/// <summary>
/// The HTML report of a sweep: a self-contained <c>index.html</c> with PNG figures beside it (curves, capacity
/// heatmap, scaling fits, sample grids, research-question table). Everything is computed in memory first; the files
/// are written atomically, <c>index.html</c> last, so a report directory is never half new.
/// </summary>
public static class StudyReport
{
    /// <summary>File name of the report page.</summary>
    public const string IndexFileName = "index.html";

    /// <summary>What <see cref="Write"/> wrote.</summary>
    /// <param name="IndexPath">Absolute path of <c>index.html</c>.</param>
    /// <param name="Figures">Number of PNG figures written beside it.</param>
    /// <param name="Answers">The research-question answers shown in the report (question, finding).</param>
    public sealed record Result(string IndexPath, int Figures, IReadOnlyList<(string Question, string Finding)> Answers);

    /// <summary>Renders the report of the sweep in <paramref name="sweepDirectory"/> into <paramref name="outputDirectory"/>.</summary>
    public static Result Write(string sweepDirectory, string outputDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sweepDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        var inputs = ReportInputs.Load(sweepDirectory);
        var figures = SweepFigures.All(inputs).ToList();
        var (samples, missing) = SampleGrids.Draw(inputs);
        var answers = ResearchQuestions.AnswerAll(inputs);
        var html = HtmlReport.Render(inputs, answers, figures, samples, missing);

        var dir = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(dir);
        var files = figures.Concat(samples.SelectMany(s => s.Views)).Concat(ShotStudySection.Figures(inputs)).ToList();
        foreach (var f in files)
        {
            AtomicFile.WriteAllBytes(Path.Combine(dir, f.FileName), f.Png);
        }
        var index = Path.Combine(dir, IndexFileName);
        AtomicFile.WriteAllText(index, html);
        return new Result(index, files.Count, [.. answers.Select(a => (a.Question, a.Finding))]);
    }
}
