using System.Globalization;
using QGan.MLNet.Experiments.Analysis;
using QGan.MLNet.Experiments.Runs;
using ScottPlot;

namespace QGan.MLNet.Experiments.Report;

/// <summary>The sweep's charts (ScottPlot): training curves, the capacity heatmap and the scaling plots.</summary>
internal static class SweepFigures
{
    private const int Width = 900;
    private const int Height = 520;

    public static IEnumerable<ReportFigure> All(ReportInputs inputs)
    {
        foreach (var kind in new[] { SweepRunStatus.Quantum, SweepRunStatus.Classical })
        {
            var runs = inputs.Rows.Where(r => r.GeneratorKind == kind).ToList();
            if (runs.Count == 0)
            {
                continue;
            }
            yield return Curves(inputs, runs, kind, "fid", "latent FID", m => m.LatentFid);
            yield return Curves(inputs, runs, kind, "wasserstein", "Wasserstein estimate", m => m.WassersteinEstimate);
        }
        if (inputs.Summary.Generators.Count > 0)
        {
            yield return Heatmap(inputs.Summary);
        }
        if (inputs.Summary.Matching.Count > 0)
        {
            yield return Scaling(inputs.Summary);
        }
        if (inputs.Summary.CriticScaling.Count > 0)
        {
            yield return CriticScaling(inputs.Summary);
        }
    }

    /// <summary>One line per run, coloured by generator capacity.</summary>
    private static ReportFigure Curves(
        ReportInputs inputs, List<SweepRunRow> runs, string kind, string name, string quantity,
        Func<QGan.MLNet.Trainers.Gan.Training.TrainingMetrics, double?> value)
    {
        var plot = new Plot();
        var labels = runs.Select(r => r.GeneratorLabel).Distinct().ToList();
        var palette = new ScottPlot.Palettes.Category10();
        foreach (var run in runs)
        {
            var points = inputs.Metrics[run.Index].Where(m => value(m) is double v && double.IsFinite(v)).ToList();
            if (points.Count == 0)
            {
                continue;
            }
            var line = plot.Add.ScatterLine(points.Select(m => (double)m.Iteration).ToArray(), points.Select(m => value(m)!.Value).ToArray());
            line.Color = palette.GetColor(labels.IndexOf(run.GeneratorLabel)).WithAlpha(0.75);
            line.LineWidth = 1.5f;
            if (runs.First(r => r.GeneratorLabel == run.GeneratorLabel).Index == run.Index)
            {
                line.LegendText = run.GeneratorLabel;
            }
        }
        plot.Title($"{quantity} during training: {kind} generators ({runs.Count} run{(runs.Count == 1 ? "" : "s")}: all critic widths and seeds)");
        plot.XLabel("generator iteration");
        plot.YLabel(quantity);
        plot.ShowLegend(Alignment.UpperRight);
        return new ReportFigure($"{name}-{kind}.png", $"{quantity} against iteration for every {kind} run; colour = generator capacity.", Png(plot));
    }

    /// <summary>Mean stable FID per (generator, critic) cell; grey = no eligible cell; the optimal critic is framed.</summary>
    private static ReportFigure Heatmap(SweepSummary summary)
    {
        var plot = new Plot();
        var generators = summary.Generators;
        var critics = generators.SelectMany(g => g.Cells.Select(c => (c.CriticWidth, c.CriticParameters))).Distinct().OrderBy(c => c.CriticWidth).ToList();
        var fids = generators.SelectMany(g => g.Cells).Where(c => c.Eligible && c.Fid is double).Select(c => Math.Log(c.Fid!.Value)).ToList();
        double lo = fids.Count > 0 ? fids.Min() : 0, hi = fids.Count > 0 ? fids.Max() : 1;
        var colormap = new ScottPlot.Colormaps.Viridis();
        for (int gi = 0; gi < generators.Count; gi++)
        {
            var g = generators[gi];
            foreach (var cell in g.Cells)
            {
                int ci = critics.FindIndex(c => c.CriticWidth == cell.CriticWidth);
                var rect = plot.Add.Rectangle(ci, ci + 1, gi, gi + 1);
                bool shown = cell.Eligible && cell.Fid is double;
                // Low FID is good: bright (yellow) for the best cells.
                double fraction = shown && hi > lo ? 1 - (Math.Log(cell.Fid!.Value) - lo) / (hi - lo) : 1;
                rect.FillColor = shown ? colormap.GetColor(fraction) : Colors.LightGray;
                rect.LineColor = Colors.White;
                rect.LineWidth = 1;
                var text = plot.Add.Text(shown ? cell.Fid!.Value.ToString("G3", CultureInfo.InvariantCulture) : $"{cell.StableSeeds}/{cell.Seeds} stable", ci + 0.5, gi + 0.5);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = 13;
                text.LabelFontColor = shown && fraction > 0.6 ? Colors.Black : (shown ? Colors.White : Colors.Black);
            }
        }
        // Optimal-critic frames on top, inset so that neighbouring cells never seem to share them.
        for (int gi = 0; gi < generators.Count; gi++)
        {
            if (generators[gi].OptimalCritic is { } best)
            {
                int ci = critics.FindIndex(c => c.CriticWidth == best.CriticWidth);
                var frame = plot.Add.Rectangle(ci + 0.04, ci + 0.96, gi + 0.08, gi + 0.92);
                frame.FillColor = Colors.Transparent;
                frame.LineColor = Colors.Red;
                frame.LineWidth = 3;
            }
        }
        plot.Axes.Bottom.SetTicks(
            [.. critics.Select((_, i) => i + 0.5)],
            [.. critics.Select(c => $"w={c.CriticWidth}\n{c.CriticParameters} p")]);
        plot.Axes.Left.SetTicks(
            [.. generators.Select((_, i) => i + 0.5)],
            [.. generators.Select(g => $"{g.Label} ({g.Parameters} p)")]);
        plot.Axes.SetLimits(0, critics.Count, 0, generators.Count);
        plot.Title("Mean stable latent FID per generator x critic capacity (red frame: optimal critic)");
        plot.XLabel("critic capacity (hidden width, trainable parameters)");
        return new ReportFigure("heatmap-fid.png",
            "Critic capacity (columns) x generator capacity (rows): mean latent FID of the stable seeds; grey cells have too few stable seeds; the red frame marks each generator's optimal critic.",
            Png(plot, Width, Math.Max(Height, 90 + 48 * generators.Count)));
    }

    /// <summary>Classical parameters needed against quantum parameters (log y), with both fitted laws and their bands.</summary>
    private static ReportFigure Scaling(SweepSummary summary)
    {
        var plot = new Plot();
        var matched = summary.Matching.Where(m => m.Status == "matched").ToList();
        if (matched.Count > 0)
        {
            var s = plot.Add.ScatterPoints(matched.Select(m => (double)m.QuantumParameters).ToArray(), matched.Select(m => Math.Log10(m.ClassicalParameters!.Value)).ToArray());
            s.MarkerSize = 10;
            s.Color = Colors.Black;
            s.LegendText = "matched (interpolated)";
        }
        AddCensored(plot, summary.Matching.Where(m => m.Status == "at-or-below-grid").ToList(), m => m.ClassicalParameters!.Value, MarkerShape.FilledTriangleDown, "at or below the classical grid (upper bound)");
        AddCensored(plot, summary.Matching.Where(m => m.Status == "not-reached" && m.Bracket is { Length: > 0 }).ToList(), m => m.Bracket![0], MarkerShape.FilledTriangleUp, "not reached by the classical grid (lower bound)");
        AddLaw(plot, summary.Fits.Exponential, Colors.C0, "exponential law");
        AddLaw(plot, summary.Fits.Power, Colors.C1, "power law");
        LogTicks(plot.Axes.Left, summary.Matching.SelectMany(m => new[] { m.ClassicalParameters, m.Bracket?.FirstOrDefault() })
            .Concat(new[] { summary.Fits.Exponential, summary.Fits.Power }.Where(l => l is not null).SelectMany(l => l!.Band.SelectMany(p => new[] { p.Lower, p.Upper, p.Fit })))
            .Where(v => v is > 0).Select(v => v!.Value));
        plot.Title("Classical generator capacity needed to match each quantum generator's FID");
        plot.XLabel("quantum generator trainable parameters");
        plot.YLabel("classical generator parameters needed (log scale)");
        plot.ShowLegend(Alignment.UpperLeft);
        return new ReportFigure("scaling.png",
            "Classical capacity needed to match each quantum generator's best stable FID (log-linear interpolation between classical grid points), with the least-squares exponential and power laws and their bootstrap percentile bands.",
            Png(plot));
    }

    private static void AddCensored(Plot plot, List<CapacityMatch> points, Func<CapacityMatch, double> y, MarkerShape shape, string label)
    {
        if (points.Count == 0)
        {
            return;
        }
        var s = plot.Add.ScatterPoints(points.Select(m => (double)m.QuantumParameters).ToArray(), points.Select(m => Math.Log10(y(m))).ToArray());
        s.MarkerShape = shape;
        s.MarkerSize = 11;
        s.Color = Colors.Gray;
        s.LegendText = label;
    }

    private static void AddLaw(Plot plot, LawResult? law, Color color, string name)
    {
        if (law is null || law.Band.Count < 2)
        {
            return;
        }
        var xs = law.Band.Select(p => p.Q).ToArray();
        if (law.Band.All(p => p.Lower is not null))
        {
            var band = plot.Add.FillY(xs, [.. law.Band.Select(p => Math.Log10(p.Lower!.Value))], [.. law.Band.Select(p => Math.Log10(p.Upper!.Value))]);
            band.FillColor = color.WithAlpha(0.18);
            band.LineColor = Colors.Transparent;
        }
        var line = plot.Add.ScatterLine(xs, [.. law.Band.Select(p => Math.Log10(p.Fit))]);
        line.Color = color;
        line.LineWidth = 2;
        line.LegendText = law.R2 is double r2 ? $"{name} (R² {r2:F3})" : name;
    }

    /// <summary>Optimal critic parameters against generator parameters, both log10.</summary>
    private static ReportFigure CriticScaling(SweepSummary summary)
    {
        var plot = new Plot();
        foreach (var (kind, color) in new[] { (SweepRunStatus.Quantum, Colors.C0), (SweepRunStatus.Classical, Colors.C1) })
        {
            var points = summary.CriticScaling.Where(p => p.Kind == kind).ToList();
            if (points.Count == 0)
            {
                continue;
            }
            var s = plot.Add.ScatterPoints(points.Select(p => Math.Log10(p.GeneratorParameters)).ToArray(), points.Select(p => Math.Log10(p.OptimalCriticParameters)).ToArray());
            s.Color = color;
            s.MarkerSize = 9;
            s.LegendText = $"{kind} generators";
        }
        LogTicks(plot.Axes.Left, summary.CriticScaling.Select(p => (double)p.OptimalCriticParameters));
        LogTicks(plot.Axes.Bottom, summary.CriticScaling.Select(p => (double)p.GeneratorParameters));
        var xs = summary.CriticScaling.Select(p => Math.Log10(p.GeneratorParameters)).ToList();
        var ys = summary.CriticScaling.Select(p => Math.Log10(p.OptimalCriticParameters)).ToList();
        double padX = Math.Max(0.05, 0.08 * (xs.Max() - xs.Min())), padY = Math.Max(0.05, 0.08 * (ys.Max() - ys.Min()));
        plot.Axes.SetLimits(xs.Min() - padX, xs.Max() + padX, ys.Min() - padY, ys.Max() + padY);
        plot.Title("Optimal critic capacity against generator capacity");
        plot.XLabel("generator trainable parameters (log scale)");
        plot.YLabel("optimal critic parameters (log scale)");
        plot.ShowLegend(Alignment.UpperLeft);
        return new ReportFigure("critic-scaling.png", "Parameter count of the optimal critic (lowest mean stable FID) for every generator capacity.", Png(plot));
    }

    /// <summary>Ticks at 1, 2, 5 x 10^k on an axis that shows log10 values, labelled with the plain numbers.</summary>
    private static void LogTicks(ScottPlot.IAxis axis, IEnumerable<double> values)
    {
        var list = values.Where(v => v > 0 && double.IsFinite(v)).ToList();
        if (list.Count == 0)
        {
            return;
        }
        int lo = (int)Math.Floor(Math.Log10(list.Min())), hi = (int)Math.Ceiling(Math.Log10(list.Max()));
        var ticks = new List<double>();
        for (int k = lo; k <= hi; k++)
        {
            foreach (var m in hi - lo <= 1 ? new[] { 1.0, 1.5, 2, 3, 4, 5, 7 } : [1.0, 2, 5])
            {
                double v = m * Math.Pow(10, k);
                if (v >= list.Min() / 2.5 && v <= list.Max() * 2.5)
                {
                    ticks.Add(v);
                }
            }
        }
        axis.SetTicks([.. ticks.Select(Math.Log10)], [.. ticks.Select(v => v.ToString("#,0.###", CultureInfo.InvariantCulture))]);
    }

    private static byte[] Png(Plot plot, int width = Width, int height = Height) => plot.GetImageBytes(width, height, ImageFormat.Png);
}
