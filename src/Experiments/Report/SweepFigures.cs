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
        if (inputs.Summary.MatchingCurve.Count > 0)
        {
            yield return MatchingFit(inputs);
        }
        if (inputs.Summary.Matching.Count > 0)
        {
            yield return Scaling(inputs.Summary);
        }
        foreach (var kind in new[] { SweepRunStatus.Quantum, SweepRunStatus.Classical })
        {
            if (inputs.Summary.Generators.Any(g => g.Kind == kind && g.CriticVertex?.Quadratic is not null || g.Kind == kind && g.Cells.Count(c => c.Eligible) >= 2))
            {
                yield return CriticFits(inputs.Summary, kind);
            }
        }
        if (inputs.Summary.CriticScaling.Count > 0)
        {
            yield return CriticScaling(inputs.Summary);
        }
    }

    /// <summary>
    /// The matching curve: every stable seed of each classical capacity's optimal-critic cell, the monotone fit through
    /// them (log-log), each quantum generator's FID as a horizontal level and where it meets the curve.
    /// </summary>
    private static ReportFigure MatchingFit(ReportInputs inputs)
    {
        var summary = inputs.Summary;
        var plot = new Plot();
        bool infinity = summary.FidColumn == "fid_infinity";
        var seedsX = new List<double>();
        var seedsY = new List<double>();
        foreach (var g in summary.Generators.Where(g => g.Kind == SweepRunStatus.Classical && g.OptimalCritic is not null))
        {
            var cell = g.Cells.First(c => c.CriticWidth == g.OptimalCritic!.CriticWidth);
            foreach (var r in inputs.Rows.Where(r => r.GeneratorLabel == g.Label && r.CriticWidth == cell.CriticWidth && r.GeneratorLr == cell.GeneratorLr
                && r.CriticLr == cell.CriticLr && r.Autoencoder == summary.Autoencoder && inputs.Stability[r.Index].Stable))
            {
                if (FidSpaces.Value(r, summary.Space, infinity) is double v && v > 0)
                {
                    seedsX.Add(Math.Log10(g.Parameters));
                    seedsY.Add(Math.Log10(v));
                }
            }
        }
        if (seedsX.Count > 0)
        {
            var seeds = plot.Add.ScatterPoints(seedsX.ToArray(), seedsY.ToArray());
            seeds.Color = Colors.Gray.WithAlpha(0.7);
            seeds.MarkerSize = 6;
            seeds.LegendText = "classical seeds (optimal-critic cell)";
        }
        var curve = summary.MatchingCurve;
        var line = plot.Add.ScatterLine(curve.Select(l => Math.Log10(l.Parameters)).ToArray(), curve.Select(l => Math.Log10(l.FittedFid)).ToArray());
        line.Color = Colors.Black;
        line.LineWidth = 2;
        line.MarkerSize = 7;
        line.LegendText = "monotone fit (interpolated log-log)";
        double xMin = Math.Log10(curve[0].Parameters), xMax = Math.Log10(curve[^1].Parameters);
        var palette = new ScottPlot.Palettes.Category10();
        int k = 0;
        foreach (var m in summary.Matching.Where(m => m.QuantumFid is > 0))
        {
            var color = palette.GetColor(k++);
            double y = Math.Log10(m.QuantumFid!.Value);
            var level = plot.Add.ScatterLine(new[] { xMin, xMax }, new[] { y, y });
            level.Color = color.WithAlpha(0.6);
            level.LinePattern = LinePattern.Dashed;
            level.LegendText = $"quantum L={m.Layers} ({m.Status})";
            if (m.ClassicalParameters is double p && p > 0)
            {
                var hit = plot.Add.ScatterPoints(new[] { Math.Log10(p) }, new[] { y });
                hit.Color = color;
                hit.MarkerSize = 11;
                hit.MarkerShape = m.Status switch
                {
                    CapacityMatch.AtOrBelowGrid => MarkerShape.FilledTriangleDown,
                    CapacityMatch.AtNoiseFloor => MarkerShape.FilledTriangleUp,
                    _ => MarkerShape.FilledCircle,
                };
                if (m.Ci is [var lo, var hi])
                {
                    var bar = plot.Add.ScatterLine(new[] { Math.Log10(lo ?? curve[0].Parameters), Math.Log10(hi ?? curve[^1].Parameters) }, new[] { y, y });
                    bar.Color = color;
                    bar.LineWidth = 4;
                }
            }
        }
        if (summary.NoiseFloor?.Fid is double floor && floor > 0)
        {
            var f = plot.Add.ScatterLine(new[] { xMin, xMax }, new[] { Math.Log10(floor), Math.Log10(floor) });
            f.Color = Colors.Red;
            f.LinePattern = LinePattern.Dotted;
            f.LegendText = "noise floor";
        }
        LogTicks(plot.Axes.Bottom, curve.Select(l => (double)l.Parameters));
        LogTicks(plot.Axes.Left, seedsY.Select(v => Math.Pow(10, v)).Concat(curve.Select(l => l.FittedFid)).Concat(summary.Matching.Where(m => m.QuantumFid is > 0).Select(m => m.QuantumFid!.Value)));
        plot.Title("Matching: classical FID against classical parameters");
        plot.XLabel("classical generator parameters (log scale)");
        plot.YLabel($"{summary.Space} FID (log scale)");
        plot.ShowLegend(Edge.Right);
        return new ReportFigure("matching.png",
            "The monotone (non-increasing) fit of classical FID against classical parameters over the stable seeds of each classical capacity's optimal-critic cell, " +
            "with each quantum generator's best FID (dashed) and the classical capacity where the fit reaches it (dot; bar = bootstrap interval, triangles = bounds).",
            Png(plot));
    }

    /// <summary>Per generator of one kind: mean cell FID against critic parameters, the fitted quadratic and its vertex.</summary>
    private static ReportFigure CriticFits(SweepSummary summary, string kind)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var generators = summary.Generators.Where(g => g.Kind == kind).ToList();
        var allY = new List<double>();
        var allX = new List<double>();
        for (int i = 0; i < generators.Count; i++)
        {
            var g = generators[i];
            var color = palette.GetColor(i % 10);
            var cells = g.Cells.Where(c => c.Eligible && c.Fid is > 0).ToList();
            if (cells.Count == 0)
            {
                continue;
            }
            var points = plot.Add.ScatterPoints(cells.Select(c => Math.Log10(c.CriticParameters)).ToArray(), cells.Select(c => Math.Log10(c.Fid!.Value)).ToArray());
            points.Color = color;
            points.MarkerSize = 7;
            points.LegendText = $"{g.Label} ({g.CriticVertex?.Status ?? "-"})";
            allX.AddRange(cells.Select(c => (double)c.CriticParameters));
            allY.AddRange(cells.Select(c => c.Fid!.Value));
            if (g.CriticVertex is { Quadratic: [var c0, var c1, var c2] })
            {
                double lo = Math.Log(cells.Min(c => c.CriticParameters)), hi = Math.Log(cells.Max(c => c.CriticParameters));
                var xs = Enumerable.Range(0, 40).Select(j => lo + (hi - lo) * j / 39).ToList();
                var ys = xs.Select(x => c0 + x * (c1 + x * c2)).ToList();
                if (ys.All(y => y > 0))
                {
                    var curve = plot.Add.ScatterLine(xs.Select(x => x / Math.Log(10)).ToArray(), ys.Select(Math.Log10).ToArray());
                    curve.Color = color.WithAlpha(0.8);
                    curve.LineWidth = 1.5f;
                }
            }
            if (g.CriticVertex is { CriticParameters: double cp, FidAtVertex: double fv } v && fv > 0)
            {
                var mark = plot.Add.ScatterPoints(new[] { Math.Log10(cp) }, new[] { Math.Log10(fv) });
                mark.Color = color;
                mark.MarkerSize = 13;
                mark.MarkerShape = v.Status switch
                {
                    CriticVertex.LeftCensored => MarkerShape.FilledTriangleDown,
                    CriticVertex.RightCensored => MarkerShape.FilledTriangleUp,
                    _ => MarkerShape.FilledDiamond,
                };
                allY.Add(fv);
            }
        }
        if (allX.Count > 0)
        {
            LogTicks(plot.Axes.Bottom, allX);
            LogTicks(plot.Axes.Left, allY);
        }
        plot.Title($"Optimal critic per {kind} generator: FID against critic parameters");
        plot.XLabel("critic parameters (log scale)");
        plot.YLabel($"mean stable {summary.Space} FID (log scale)");
        plot.ShowLegend(Edge.Right);
        return new ReportFigure($"critic-fits-{kind}.png",
            $"Every {kind} generator's eligible cells (mean stable FID) against critic parameters with the least-squares quadratic in ln(critic parameters); " +
            "diamond = its vertex (the optimal critic), triangles = optimum censored at the smallest (down) or largest (up) critic.",
            Png(plot));
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

    /// <summary>Classical parameters needed against quantum parameters (log y), with both fitted laws, their bands and the bounds.</summary>
    private static ReportFigure Scaling(SweepSummary summary)
    {
        var plot = new Plot();
        AddLawPoints(plot, summary.Fits.Exponential?.Points ?? [], Colors.Black, "");
        foreach (var m in summary.Matching.Where(m => m.Status == CapacityMatch.Matched && m.Ci is [double, double]))
        {
            var bar = plot.Add.ScatterLine(new[] { (double)m.QuantumParameters, m.QuantumParameters }, new[] { Math.Log10(m.Ci![0]!.Value), Math.Log10(m.Ci[1]!.Value) });
            bar.Color = Colors.Black.WithAlpha(0.5);
            bar.LineWidth = 2;
        }
        AddLaw(plot, summary.Fits.Exponential, Colors.C0, "exponential law", x => x);
        AddLaw(plot, summary.Fits.Power, Colors.C1, "power law", x => x);
        LogTicks(plot.Axes.Left, summary.Matching.SelectMany(m => new[] { m.ClassicalParameters, m.FitValue })
            .Concat(new[] { summary.Fits.Exponential, summary.Fits.Power }.Where(l => l is not null).SelectMany(l => l!.Band.SelectMany(p => new[] { p.Lower, p.Upper, p.Fit })))
            .Where(v => v is > 0).Select(v => v!.Value));
        plot.Title($"Classical capacity needed to match each quantum generator ({summary.Fits.Preferred ?? "undetermined"})");
        plot.XLabel("quantum generator trainable parameters");
        plot.YLabel("classical generator parameters needed (log scale)");
        plot.ShowLegend(Alignment.UpperLeft);
        return new ReportFigure("scaling.png",
            "Classical capacity needed to match each quantum generator's best stable FID (bars: bootstrap intervals; triangles: bounds below or beyond the classical grid, which enter the fits as bounds), " +
            "with the exponential and power laws fitted by censored maximum likelihood and their bootstrap percentile bands.",
            Png(plot));
    }

    /// <summary>Measured points as dots, upper bounds as down-triangles, lower bounds as up-triangles (log10 y).</summary>
    private static void AddLawPoints(Plot plot, IReadOnlyList<LawPoint> points, Color color, string prefix, Func<double, double>? x = null)
    {
        x ??= v => v;
        foreach (var (censoring, shape, label) in new[]
        {
            (Censoring.None, MarkerShape.FilledCircle, "measured"),
            (Censoring.Upper, MarkerShape.FilledTriangleDown, "upper bound"),
            (Censoring.Lower, MarkerShape.FilledTriangleUp, "lower bound"),
        })
        {
            var selected = points.Where(p => p.Censoring == censoring && p.Y > 0).ToList();
            if (selected.Count == 0)
            {
                continue;
            }
            var s = plot.Add.ScatterPoints(selected.Select(p => x(p.X)).ToArray(), selected.Select(p => Math.Log10(p.Y)).ToArray());
            s.MarkerShape = shape;
            s.MarkerSize = censoring == Censoring.None ? 10 : 12;
            s.Color = censoring == Censoring.None ? color : color.WithAlpha(0.55);
            s.LegendText = prefix + label;
        }
    }

    private static void AddLaw(Plot plot, LawResult? law, Color color, string name, Func<double, double> x)
    {
        if (law is null || law.Band.Count < 2)
        {
            return;
        }
        var xs = law.Band.Select(p => x(p.Q)).ToArray();
        if (law.Band.All(p => p.Lower is not null))
        {
            var band = plot.Add.FillY(xs, [.. law.Band.Select(p => Math.Log10(p.Lower!.Value))], [.. law.Band.Select(p => Math.Log10(p.Upper!.Value))]);
            band.FillColor = color.WithAlpha(0.18);
            band.LineColor = Colors.Transparent;
        }
        var line = plot.Add.ScatterLine(xs, [.. law.Band.Select(p => Math.Log10(p.Fit))]);
        line.Color = color;
        line.LineWidth = 2;
        line.LegendText = law.Aic is double aic ? $"{name} (AIC {aic:F1}, b = {law.B:G3})" : $"{name} (b = {law.B:G3})";
    }

    /// <summary>Optimal critic (vertex) parameters against generator parameters, both log10, with both laws per generator kind.</summary>
    private static ReportFigure CriticScaling(SweepSummary summary)
    {
        var plot = new Plot();
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var (kind, color, fits) in new[]
        {
            (SweepRunStatus.Quantum, Colors.C0, summary.CriticFits?.Quantum),
            (SweepRunStatus.Classical, Colors.C1, summary.CriticFits?.Classical),
        })
        {
            var points = VertexPoints(summary, kind);
            AddLawPoints(plot, points, color, $"{kind}: ", Math.Log10);
            xs.AddRange(points.Select(p => p.X));
            ys.AddRange(points.Select(p => p.Y));
            AddLaw(plot, fits?.Exponential, color, $"{kind}, exponential", Math.Log10);
            AddLaw(plot, fits?.Power, color.Lighten(0.35), $"{kind}, power", Math.Log10);
        }
        if (xs.Count > 0)
        {
            LogTicks(plot.Axes.Left, ys);
            LogTicks(plot.Axes.Bottom, xs);
            double lx = Math.Log10(xs.Min()), hx = Math.Log10(xs.Max()), ly = Math.Log10(ys.Min()), hy = Math.Log10(ys.Max());
            double padX = Math.Max(0.05, 0.08 * (hx - lx)), padY = Math.Max(0.05, 0.08 * (hy - ly));
            plot.Axes.SetLimits(lx - padX, hx + padX, ly - padY, hy + padY);
        }
        plot.Title("Optimal critic capacity against generator capacity");
        plot.XLabel("generator trainable parameters (log scale)");
        plot.YLabel("optimal critic parameters (log scale)");
        plot.ShowLegend(Edge.Right);
        return new ReportFigure("critic-scaling.png",
            "Optimal critic parameters (vertex of each generator's FID fit over ln critic parameters; triangles: optima at the critic grid's edge, bounds) against generator parameters, " +
            "with the exponential and power laws per generator kind (censored maximum likelihood, bootstrap bands).",
            Png(plot));
    }

    /// <summary>Each generator's optimal critic (vertex) as a law point: measured inside the grid, a bound at its edge.</summary>
    private static List<LawPoint> VertexPoints(SweepSummary summary, string kind) =>
    [
        .. summary.Generators
            .Where(g => g.Kind == kind && g.CriticVertex is { CriticParameters: double } v && v.Status != CriticVertex.NoFit)
            .Select(g => new LawPoint(g.Label, g.Parameters, g.CriticVertex!.CriticParameters!.Value, g.CriticVertex.Status switch
            {
                CriticVertex.LeftCensored => Censoring.Upper,
                CriticVertex.RightCensored => Censoring.Lower,
                _ => Censoring.None,
            })),
    ];

    /// <summary>Ticks at 1, 2, 5 x 10^k on an axis that shows log10 values, labelled with the plain numbers.</summary>
    private static void LogTicks(ScottPlot.IAxis axis, IEnumerable<double> values)
    {
        var list = values.Where(v => v > 0 && double.IsFinite(v)).ToList();
        if (list.Count == 0)
        {
            return;
        }
        int lo = (int)Math.Floor(Math.Log10(list.Min())), hi = (int)Math.Ceiling(Math.Log10(list.Max()));
        bool narrow = Math.Log10(list.Max() / list.Min()) <= 1.3;
        var ticks = new List<double>();
        for (int k = lo; k <= hi; k++)
        {
            foreach (var m in narrow ? new[] { 1.0, 1.5, 2, 3, 4, 5, 7 } : [1.0, 2, 5])
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
