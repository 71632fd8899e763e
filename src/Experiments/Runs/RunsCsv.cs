using System.Globalization;
using CsvHelper;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Experiments.Runs;

/// <summary><c>DIR/runs.csv</c> (docs/sweep.md): written atomically, read by column name with errors naming file, line and column.</summary>
public static class RunsCsv
{
    public const string FileName = "runs.csv";

    public static readonly string[] Columns =
    [
        "index", "generator_kind", "qubits", "layers", "generator_width", "generator_depth", "critic_width", "critic_depth",
        "seed", "generator_params", "critic_params", "status", "iterations", "fid", "fid_spread", "max_abs_wasserstein",
        "jsd", "evaluations",
    ];

    /// <summary>Columns after <see cref="Columns"/>: written always, optional on input (missing means unknown).</summary>
    public static readonly string[] OptionalColumns =
    [
        "error", "autoencoder", "generator_lr", "critic_lr", "converged", "stop_reason", "best_iteration", "validation_fid",
        "feature_fid", "feature_jsd", "pixel_fid", "pixel_jsd", "fid_infinity", "eval_samples", "seconds_per_iteration",
        "inference_seconds_per_sample", "fid_trend", "fid_residual_sd",
    ];

    /// <summary>Every column written, in order.</summary>
    public static string[] AllColumns { get; } = [.. Columns, .. OptionalColumns];

    public static void Write(string path, IEnumerable<SweepRunRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        AtomicFile.Write(path, stream =>
        {
            using var text = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            using var csv = CsvWriter.Create(text, CsvWriterOptions.Default, leaveOpen: true);
            csv.WriteRecord(AllColumns);
            foreach (var r in rows.OrderBy(r => r.Index))
            {
                csv.WriteRecord(
                [
                    I(r.Index), r.GeneratorKind, I(r.Qubits), I(r.Layers), I(r.GeneratorWidth), I(r.GeneratorDepth), I(r.CriticWidth),
                    I(r.CriticDepth), r.Seed.ToString(CultureInfo.InvariantCulture), r.GeneratorParams.ToString(CultureInfo.InvariantCulture),
                    r.CriticParams.ToString(CultureInfo.InvariantCulture), r.Status, I(r.Iterations), F(r.Fid), F(r.FidSpread),
                    F(r.MaxAbsWasserstein), F(r.Jsd), I(r.Evaluations),
                    r.Error ?? "", r.Autoencoder ?? "", F(r.GeneratorLr), F(r.CriticLr), B(r.Converged), r.StopReason ?? "",
                    I(r.BestIteration), F(r.ValidationFid), F(r.FeatureFid), F(r.FeatureJsd), F(r.PixelFid), F(r.PixelJsd),
                    F(r.FidInfinity), I(r.EvalSamples), F(r.SecondsPerIteration), F(r.InferenceSecondsPerSample),
                    F(r.FidTrend), F(r.FidResidualSd),
                ]);
            }
            csv.Flush();
        });
    }

    public static List<SweepRunRow> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist", path);
        }
        using var text = new StreamReader(path);
        using var csv = CsvReader.Create(text, CsvReaderOptions.Default, leaveOpen: false);
        var headers = csv.Headers.ToArray();
        foreach (var column in Columns)
        {
            if (Array.IndexOf(headers, column) < 0)
            {
                throw new InvalidDataException($"{path}: missing column '{column}'");
            }
        }
        var rows = new List<SweepRunRow>();
        int line = 1;
        while (csv.Read())
        {
            line++;
            var reader = new Row(csv, path, line, headers);
            var kind = reader.Text("generator_kind");
            if (kind is not (SweepRunStatus.Quantum or SweepRunStatus.Classical))
            {
                throw new InvalidDataException($"{path}: line {line}, column generator_kind: '{kind}' is not quantum or classical");
            }
            var status = reader.Text("status");
            if (status is not (SweepRunStatus.Completed or SweepRunStatus.Diverged or SweepRunStatus.Crashed))
            {
                throw new InvalidDataException($"{path}: line {line}, column status: '{status}' is not completed, diverged or crashed");
            }
            var stopReason = reader.OptionalText("stop_reason");
            if (stopReason is not (null or "plateau" or "budget" or "diverged" or "crashed"))
            {
                throw new InvalidDataException($"{path}: line {line}, column stop_reason: '{stopReason}' is not plateau, budget, diverged or crashed");
            }
            var row = new SweepRunRow
            {
                Index = reader.Int("index") ?? throw reader.Missing("index"),
                GeneratorKind = kind,
                Qubits = reader.Int("qubits"),
                Layers = reader.Int("layers"),
                GeneratorWidth = reader.Int("generator_width"),
                GeneratorDepth = reader.Int("generator_depth"),
                CriticWidth = reader.Int("critic_width") ?? throw reader.Missing("critic_width"),
                CriticDepth = reader.Int("critic_depth") ?? throw reader.Missing("critic_depth"),
                Seed = reader.Long("seed") ?? throw reader.Missing("seed"),
                GeneratorParams = reader.Long("generator_params") ?? throw reader.Missing("generator_params"),
                CriticParams = reader.Long("critic_params") ?? throw reader.Missing("critic_params"),
                Status = status,
                Iterations = reader.Int("iterations") ?? 0,
                Fid = reader.Double("fid"),
                FidSpread = reader.Double("fid_spread"),
                MaxAbsWasserstein = reader.Double("max_abs_wasserstein"),
                Jsd = reader.Double("jsd"),
                Evaluations = reader.Int("evaluations") ?? 0,
                Error = reader.OptionalText("error"),
                Autoencoder = reader.OptionalText("autoencoder"),
                GeneratorLr = reader.Double("generator_lr"),
                CriticLr = reader.Double("critic_lr"),
                Converged = reader.Bool("converged"),
                StopReason = stopReason,
                BestIteration = reader.Int("best_iteration"),
                ValidationFid = reader.Double("validation_fid"),
                FeatureFid = reader.Double("feature_fid"),
                FeatureJsd = reader.Double("feature_jsd"),
                PixelFid = reader.Double("pixel_fid"),
                PixelJsd = reader.Double("pixel_jsd"),
                FidInfinity = reader.Double("fid_infinity"),
                EvalSamples = reader.Int("eval_samples"),
                SecondsPerIteration = reader.Double("seconds_per_iteration"),
                InferenceSecondsPerSample = reader.Double("inference_seconds_per_sample"),
                FidTrend = reader.Double("fid_trend"),
                FidResidualSd = reader.Double("fid_residual_sd"),
            };
            if (row.IsQuantum ? row.Layers is null : row.GeneratorWidth is null)
            {
                throw reader.Missing(row.IsQuantum ? "layers" : "generator_width");
            }
            if (row.GeneratorParams < 1 || row.CriticParams < 1)
            {
                throw new InvalidDataException($"{path}: line {line}: parameter counts must be >= 1");
            }
            rows.Add(row);
        }
        return rows;
    }

    private static string I(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string F(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string B(bool? v) => v switch { true => "true", false => "false", null => "" };

    private readonly struct Row(CsvReader csv, string path, int line, string[] headers)
    {
        public string Text(string column) => csv.GetString(column);

        /// <summary>An optional column's text: null when the column is absent or the field empty.</summary>
        public string? OptionalText(string column) =>
            Array.IndexOf(headers, column) >= 0 && csv.GetString(column) is { Length: > 0 } s ? s : null;

        public bool? Bool(string column) => OptionalText(column) switch
        {
            null => null,
            "true" => true,
            "false" => false,
            var s => throw new InvalidDataException($"{path}: line {line}, column {column}: '{s}' is not true or false"),
        };

        public InvalidDataException Missing(string column) => new($"{path}: line {line}, column {column}: value required");

        public int? Int(string column) => Long(column) is long l ? checked((int)l) : null;

        public long? Long(string column)
        {
            var s = OptionalText(column);
            if (string.IsNullOrEmpty(s))
            {
                return null;
            }
            return long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
                ? v : throw new InvalidDataException($"{path}: line {line}, column {column}: '{s}' is not an integer");
        }

        public double? Double(string column)
        {
            var s = OptionalText(column);
            if (string.IsNullOrEmpty(s))
            {
                return null;
            }
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            {
                throw new InvalidDataException($"{path}: line {line}, column {column}: '{s}' is not a finite number");
            }
            return v;
        }
    }
}
