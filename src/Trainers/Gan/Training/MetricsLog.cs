using System.Globalization;
using CsvHelper;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Trainers.Gan.Training;

/// <summary>
/// The metrics CSV of a run (header + one row per metrics interval; empty field = not available). The whole
/// file is rewritten atomically on every append (it stays small), so a killed run never leaves a torn line and a
/// resumed run can drop the rows written after its checkpoint.
/// </summary>
public sealed class MetricsLog
{
    /// <summary>Column names, in file order.</summary>
    public static readonly string[] Columns =
    [
        "iteration", "critic_loss", "wasserstein_estimate", "gradient_penalty", "generator_loss",
        "critic_grad_norm", "generator_grad_norm", "latent_fid", "latent_jsd", "pixel_fid", "pixel_jsd", "elapsed_seconds",
        "validation_fid",
    ];

    /// <summary>Columns of files written before <c>validation_fid</c> was added (still read).</summary>
    private const int FormerColumnCount = 12;

    private readonly List<TrainingMetrics> _rows = [];

    /// <summary>A log written to <paramref name="path"/> (null: memory only).</summary>
    public MetricsLog(string? path) => Path = path;

    /// <summary>The file, or null.</summary>
    public string? Path { get; }

    /// <summary>The rows so far.</summary>
    public IReadOnlyList<TrainingMetrics> Rows => _rows;

    /// <summary>Loads the rows of an interrupted run up to and including <paramref name="lastIteration"/>.</summary>
    public void LoadExisting(int lastIteration)
    {
        _rows.Clear();
        if (Path is null || !File.Exists(Path))
        {
            return;
        }
        _rows.AddRange(Read(Path).Where(r => r.Iteration <= lastIteration));
    }

    /// <summary>Adds a row (and appends it to the file, if any).</summary>
    public void Append(TrainingMetrics row)
    {
        _rows.Add(row);
        Flush();
    }

    /// <summary>Writes the file atomically with every row so far.</summary>
    public void Flush()
    {
        if (Path is null)
        {
            return;
        }
        AtomicFile.Write(Path, stream =>
        {
            using var text = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            using var csv = CsvWriter.Create(text, CsvWriterOptions.Default, leaveOpen: true);
            csv.WriteRecord(Columns);
            foreach (var r in _rows)
            {
                csv.WriteRecord(
                [
                    r.Iteration.ToString(CultureInfo.InvariantCulture), F(r.CriticLoss), F(r.WassersteinEstimate), F(r.GradientPenalty),
                    F(r.GeneratorLoss), F(r.CriticGradNorm), F(r.GeneratorGradNorm), F(r.LatentFid), F(r.LatentJsd), F(r.PixelFid),
                    F(r.PixelJsd), F(r.ElapsedSeconds), F(r.ValidationFid),
                ]);
            }
            csv.Flush();
        });
    }

    /// <summary>Reads a metrics CSV written by <see cref="Flush"/>; errors name the file, line and column.</summary>
    public static List<TrainingMetrics> Read(string path)
    {
        var rows = new List<TrainingMetrics>();
        using var text = new StreamReader(path);
        using var csv = CsvReader.Create(text, CsvReaderOptions.Default, leaveOpen: false);
        int line = 1;
        while (csv.Read())
        {
            line++;
            if (csv.FieldCount != Columns.Length && csv.FieldCount != FormerColumnCount)
            {
                throw new InvalidDataException($"{path}: line {line} has {csv.FieldCount} fields, expected {Columns.Length}");
            }
            rows.Add(new TrainingMetrics
            {
                Iteration = int.TryParse(csv.GetString(0), NumberStyles.Integer, CultureInfo.InvariantCulture, out var it)
                    ? it : throw new InvalidDataException($"{path}: line {line}, column iteration: '{csv.GetString(0)}' is not an integer"),
                CriticLoss = P(csv, 1, path, line),
                WassersteinEstimate = P(csv, 2, path, line),
                GradientPenalty = P(csv, 3, path, line),
                GeneratorLoss = P(csv, 4, path, line),
                CriticGradNorm = P(csv, 5, path, line),
                GeneratorGradNorm = P(csv, 6, path, line),
                LatentFid = P(csv, 7, path, line),
                LatentJsd = P(csv, 8, path, line),
                PixelFid = P(csv, 9, path, line),
                PixelJsd = P(csv, 10, path, line),
                ElapsedSeconds = P(csv, 11, path, line) ?? 0,
                ValidationFid = csv.FieldCount > FormerColumnCount ? P(csv, 12, path, line) : null,
            });
        }
        return rows;
    }

    private static string? F(double? v) => v?.ToString("R", CultureInfo.InvariantCulture);

    private static double? P(CsvReader csv, int index, string path, int line)
    {
        var s = csv.GetString(index);
        if (string.IsNullOrEmpty(s))
        {
            return null;
        }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v : throw new InvalidDataException($"{path}: line {line}, column {Columns[index]}: '{s}' is not a number");
    }
}
