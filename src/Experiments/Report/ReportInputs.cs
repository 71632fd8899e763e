using System.Text.Json;
using QGan.MLNet.Experiments.Analysis;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Execution;
using QGan.MLNet.Experiments.Runs;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Experiments.Report;

/// <summary>Everything the report reads from a sweep directory (nothing there is written).</summary>
internal sealed record ReportInputs(
    SweepLayout Layout, SweepConfig Config, IReadOnlyList<SweepRunRow> Rows, SweepSummary Summary,
    IReadOnlyDictionary<int, IReadOnlyList<TrainingMetrics>> Metrics, AutoencoderModelInfo? Autoencoder,
    IReadOnlyList<HardwareResult> Hardware, IReadOnlyDictionary<int, StabilityCriterion.Judgement> Stability)
{
    public static ReportInputs Load(string directory)
    {
        var (layout, config) = SweepDirectory.Open(directory);
        // Recomputed from the run folders (what `qgan sweep collect` writes), so the report never lags the runs; a sweep
        // directory without run folders (runs.csv from another tool or cluster) is reported from its runs.csv.
        var rows = !Directory.Exists(Path.Combine(layout.Directory, "runs")) && File.Exists(layout.RunsCsvPath)
            ? RunsCsv.Read(layout.RunsCsvPath)
            : SweepCollector.Rows(config, layout);
        var summary = SweepAnalysis.Summarize(rows, config.Analysis, config.RunCount, StudyContext.Load(layout.Directory, config));
        var metrics = new Dictionary<int, IReadOnlyList<TrainingMetrics>>();
        foreach (var row in rows)
        {
            var path = layout.Run(row.Index).MetricsPath;
            metrics[row.Index] = File.Exists(path) ? MetricsLog.Read(path) : [];
        }
        AutoencoderModelInfo? ae = null;
        if (config.Data.Autoencoder is { } aeDir && File.Exists(Path.Combine(aeDir, AutoencoderModelInfo.FileName)))
        {
            var path = Path.Combine(aeDir, AutoencoderModelInfo.FileName);
            ae = AutoencoderModelInfo.FromJson(File.ReadAllText(path), path);
        }
        // qgan hardware-sim writes into the run folder it evaluates (runs/I/hardware/) or wherever --out says (DIR/hardware/).
        var hardware = HardwareResult.LoadAll(layout.HardwareDirectory, layout.Directory)
            .Concat(rows.SelectMany(r => HardwareResult.LoadAll(Path.Combine(layout.RunDirectory(r.Index), "hardware"), layout.Directory)))
            .ToList();
        return new ReportInputs(layout, config, rows, summary, metrics, ae, hardware, SweepAnalysis.Stability(rows, config.Analysis));
    }
}

/// <summary>
/// One <c>DIR/hardware/*.json</c> file (written by <c>qgan hardware-sim</c>). Its schema belongs to that command, so
/// the report only reads what it can recognise: every numeric value, flattened to dotted paths.
/// </summary>
internal sealed record HardwareResult(string File, IReadOnlyList<(string Key, double Value)> Numbers, string? Error)
{
    /// <summary>The JSON files of <paramref name="directory"/>, named relative to <paramref name="root"/>.</summary>
    public static IReadOnlyList<HardwareResult> LoadAll(string directory, string root)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }
        return [.. Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).Select(p => Load(p, root))];
    }

    private static HardwareResult Load(string path, string root)
    {
        var name = Path.GetRelativePath(root, path).Replace('\\', '/');
        try
        {
            using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(path));
            var numbers = new List<(string, double)>();
            Flatten(doc.RootElement, "", numbers);
            return new HardwareResult(name, numbers, null);
        }
        catch (JsonException ex)
        {
            return new HardwareResult(name, [], $"not valid JSON: {ex.Message}");
        }
    }

    private static void Flatten(JsonElement e, string prefix, List<(string, double)> into)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    Flatten(p.Value, prefix.Length == 0 ? p.Name : $"{prefix}.{p.Name}", into);
                }
                break;
            case JsonValueKind.Number when into.Count < 40:
                into.Add((prefix, e.GetDouble()));
                break;
        }
    }

    /// <summary>The first value whose key contains all the given fragments (case-insensitive).</summary>
    public double? Find(params string[] fragments) =>
        Numbers.Where(n => fragments.All(f => n.Key.Contains(f, StringComparison.OrdinalIgnoreCase))).Select(n => (double?)n.Value).FirstOrDefault();
}
