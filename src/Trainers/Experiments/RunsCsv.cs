using System.Globalization;
using CsvHelper;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Trainers.Experiments;

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

    public static void Write(string path, IEnumerable<SweepRunRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        AtomicFile.Write(path, stream =>
        {
            using var text = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            using var csv = CsvWriter.Create(text, CsvWriterOptions.Default, leaveOpen: true);
            csv.WriteRecord(Columns);
            foreach (var r in rows.OrderBy(r => r.Index))
            {
                csv.WriteRecord(
                [
                    I(r.Index), r.GeneratorKind, I(r.Qubits), I(r.Layers), I(r.GeneratorWidth), I(r.GeneratorDepth), I(r.CriticWidth),
                    I(r.CriticDepth), r.Seed.ToString(CultureInfo.InvariantCulture), r.GeneratorParams.ToString(CultureInfo.InvariantCulture),
                    r.CriticParams.ToString(CultureInfo.InvariantCulture), r.Status, I(r.Iterations), F(r.Fid), F(r.FidSpread),
                    F(r.MaxAbsWasserstein), F(r.Jsd), I(r.Evaluations),
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
            var reader = new Row(csv, path, line);
            var kind = reader.Text("generator_kind");
            if (kind is not (SweepRunStatus.Quantum or SweepRunStatus.Classical))
            {
                throw new InvalidDataException($"{path}: line {line}, column generator_kind: '{kind}' is not quantum or classical");
            }
            var status = reader.Text("status");
            if (status is not (SweepRunStatus.Completed or SweepRunStatus.Diverged))
            {
                throw new InvalidDataException($"{path}: line {line}, column status: '{status}' is not completed or diverged");
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

    private readonly struct Row(CsvReader csv, string path, int line)
    {
        public string Text(string column) => csv.GetString(column);

        public InvalidDataException Missing(string column) => new($"{path}: line {line}, column {column}: value required");

        public int? Int(string column) => Long(column) is long l ? checked((int)l) : null;

        public long? Long(string column)
        {
            var s = csv.GetString(column);
            if (string.IsNullOrEmpty(s))
            {
                return null;
            }
            return long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
                ? v : throw new InvalidDataException($"{path}: line {line}, column {column}: '{s}' is not an integer");
        }

        public double? Double(string column)
        {
            var s = csv.GetString(column);
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
