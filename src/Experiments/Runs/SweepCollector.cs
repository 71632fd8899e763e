using QGan.MLNet.Experiments.Analysis;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Measurement;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Experiments.Runs;

/// <summary>
/// Rebuilds <c>DIR/runs.csv</c> and <c>DIR/summary.json</c> from the run folders: a row per finished run and per
/// crashed run (status <c>crashed</c>, the cause in <c>error</c>); the summary is marked partial when some runs have
/// not finished and lists the crashed ones. Idempotent: the same folders give the same bytes.
/// </summary>
public static class SweepCollector
{
    public static SweepSummary Collect(SweepLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (!File.Exists(layout.ConfigPath))
        {
            throw new FileNotFoundException($"{layout.Directory} is not a sweep directory (no {SweepConfig.FileName})", layout.ConfigPath);
        }
        var config = SweepConfigParser.Load(layout.ConfigPath);
        var rows = Rows(config, layout);
        RunsCsv.Write(layout.RunsCsvPath, rows);
        var crashes = config.Runs().Where(r => layout.HasCrashed(r.Index)).Select(r =>
        {
            var crash = SweepRunCrash.Load(layout.CrashPath(r.Index));
            return new CrashedRun(r.Index, crash.Iteration, crash.Error);
        }).ToList();
        var summary = SweepAnalysis.Summarize(rows, config.Analysis, config.RunCount, StudyContext.Load(layout.Directory, config), crashes);
        AtomicFile.WriteAllText(layout.SummaryPath, summary.ToJson());
        return summary;
    }

    /// <summary>
    /// The <c>runs.csv</c> rows of the finished runs and of the crashed runs that got as far as building their
    /// networks (run.json, with the parameter counts), by index. A crashed row has the iterations it completed and
    /// the cause, and no quality statistics (it did not finish).
    /// </summary>
    public static List<SweepRunRow> Rows(SweepConfig config, SweepLayout layout)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(layout);
        var rows = new List<SweepRunRow>();
        foreach (var spec in config.Runs())
        {
            var crashed = layout.HasCrashed(spec.Index);
            if (!layout.IsFinished(spec.Index) && !(crashed && File.Exists(layout.RunJsonPath(spec.Index))))
            {
                continue;
            }
            var record = SweepRunRecord.Load(layout.RunJsonPath(spec.Index));
            var metricsPath = layout.Run(spec.Index).MetricsPath;
            var metrics = File.Exists(metricsPath) ? MetricsLog.Read(metricsPath) : [];
            var stats = RunStatistics.From(metrics, config.Analysis.LastK);
            if (crashed)
            {
                var crash = SweepRunCrash.Load(layout.CrashPath(spec.Index));
                rows.Add(Row(spec, record) with
                {
                    Status = SweepRunStatus.Crashed,
                    Iterations = crash.Iteration ?? 0,
                    Evaluations = stats.Evaluations,
                    Error = crash.Error,
                    StopReason = SweepRunStatus.Crashed,
                });
                continue;
            }
            var result = SweepRunResult.Load(layout.ResultPath(spec.Index));
            var evaluation = result.Evaluation;
            SpaceQuality? Space(string name) => evaluation?.Spaces.GetValueOrDefault(name);
            double? pixelFid = File.Exists(layout.PixelFidPath(spec.Index))
                ? PixelFidFile.Load(layout.PixelFidPath(spec.Index)).PixelFid
                : Space(QualitySpace.Pixel)?.Fid;
            string? stop = result.StopReason ?? (result.Status == SweepRunStatus.Diverged ? "diverged" : null);
            rows.Add(Row(spec, record) with
            {
                Status = result.Status,
                Iterations = result.Iterations,
                Fid = stats.Fid,
                FidSpread = stats.FidSpread,
                MaxAbsWasserstein = stats.MaxAbsWasserstein,
                Jsd = stats.Jsd,
                Evaluations = stats.Evaluations,
                Converged = stop switch { "plateau" => true, "budget" => false, _ => null },
                StopReason = stop,
                BestIteration = result.BestIteration,
                ValidationFid = stats.ValidationFid,
                FeatureFid = Space(QualitySpace.Feature)?.Fid,
                FeatureJsd = Space(QualitySpace.Feature)?.Jsd,
                PixelFid = pixelFid,
                PixelJsd = Space(QualitySpace.Pixel)?.Jsd,
                FidInfinity = evaluation?.FidInfinity,
                EvalSamples = evaluation?.EvalSamples ?? record.HeldOut,
                SecondsPerIteration = result.SecondsPerIteration,
                InferenceSecondsPerSample = result.InferenceSecondsPerSample,
                FidTrend = stats.FidTrend,
                FidResidualSd = stats.FidResidualSd,
            });
        }
        return rows;
    }

    /// <summary>The columns a run has from its configuration alone.</summary>
    private static SweepRunRow Row(SweepRunSpec spec, SweepRunRecord record)
    {
        var g = spec.Generator;
        return new SweepRunRow
        {
            Index = spec.Index,
            GeneratorKind = g.KindName,
            Qubits = g.Qubits,
            Layers = g.Layers,
            GeneratorWidth = g.Width,
            GeneratorDepth = g.Depth,
            CriticWidth = spec.CriticWidth,
            CriticDepth = spec.CriticDepth,
            Seed = spec.Seed,
            GeneratorParams = record.GeneratorParameters,
            CriticParams = record.CriticParameters,
            Status = SweepRunStatus.Completed,
            Autoencoder = spec.Autoencoder,
            GeneratorLr = record.Options.GeneratorLearningRate,
            CriticLr = record.Options.CriticLearningRate,
        };
    }
}
