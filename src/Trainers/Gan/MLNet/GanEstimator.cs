using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Trainers.Gan.Evaluation;
using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Trainers.Gan.MLNet;

/// <summary>
/// Trains a WGAN-GP generator (quantum or classical) on the latent column of the input and returns a
/// <see cref="GanGeneratorTransformer"/> that maps each row to one generated latent: from the row's noise column when
/// <see cref="GanTrainerOptions.NoiseColumnName"/> is set, otherwise from noise drawn from (seed, row), so the
/// estimator works anywhere in a chain (e.g. <c>EncodeLatent(...).Append(QuantumGan(...)).Append(DecodeLatent(...))</c>).
/// <see cref="GetOutputSchema"/> and <see cref="Fit"/> check every column the transformer will need before training.
/// Create it through <c>mlContext.QGan().Trainers.QuantumGan(...)</c> or <c>.ClassicalGan(...)</c>.
/// </summary>
public sealed class GanEstimator : IEstimator<GanGeneratorTransformer>
{
    private readonly MLContext _context;
    private readonly GanTrainerOptions _options;
    private readonly GanTrainingOptions _training;

    internal GanEstimator(MLContext context, GanTrainerOptions options)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _training = options.ToTrainingOptions();
        _training.Validate();
        if (options.EarlyStop is not null && options.Validation is null)
        {
            throw new ArgumentException("EarlyStop needs Validation rows (the held-out rows must stay unbiased)", nameof(options));
        }
        if (options.Resume && options.OutputDirectory is null)
        {
            throw new ArgumentException("Resume needs an OutputDirectory holding the interrupted run", nameof(options));
        }
    }

    /// <summary>The resolved training configuration.</summary>
    public GanTrainingOptions TrainingOptions => _training;

    /// <summary>Metrics rows of the last <see cref="Fit"/>.</summary>
    public IReadOnlyList<TrainingMetrics> LastMetrics { get; private set; } = [];

    /// <summary>Trains on the latent column of <paramref name="input"/> (after checking the transformer's input columns).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A needed column is missing or of the wrong type or size; nothing was trained.</exception>
    public GanGeneratorTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (_options.NoiseColumnName is { } noise)
        {
            LatentColumn.Require(input.Schema, noise, "noise", _training.NoiseDimension);
        }
        var data = LatentColumn.Read(input, _options.LatentColumnName, "latent");
        LatentDataSet? heldOut = _options.HeldOut is null ? null : LatentColumn.Read(_options.HeldOut, _options.LatentColumnName, "held-out latent");
        var evaluator = _options.Evaluator ?? (heldOut is null ? null : new GanQualityEvaluator(_options.Decoder));
        LatentDataSet? validation = _options.Validation is null ? null : LatentColumn.Read(_options.Validation, _options.LatentColumnName, "validation latent");
        var layout = _options.OutputDirectory is null ? null : new GanRunLayout(_options.OutputDirectory);

        using var trainer = new WganGpTrainer(_training, data, layout, heldOut, evaluator, validation: validation);
        trainer.Train(_options.Resume, _options.Progress);
        LastMetrics = trainer.Metrics.ToArray();

        var generator = trainer.ExportGenerator();
        if (layout is not null)
        {
            generator.Save(layout.GeneratorDirectory);
        }
        try
        {
            return new GanGeneratorTransformer(_context, generator, _options.NoiseColumnName, _options.LatentColumnName, data.Width,
                _options.OutputColumnName ?? _options.LatentColumnName, _options.Seed);
        }
        catch
        {
            generator.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The schema after the fitted transformer: the input plus the generated column (the latent column's shape). Checks
    /// the latent column and, when one is named, the noise column, so a chain fails here rather than after training.
    /// </summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        LatentColumn.Check(inputSchema, _options.LatentColumnName, "latent");
        if (_options.NoiseColumnName is { } noise)
        {
            LatentColumn.Check(inputSchema, noise, "noise");
        }
        var output = _options.OutputColumnName ?? _options.LatentColumnName;
        // The generated column has the shape of the latent column (fixed-size Single vector). SchemaShape columns cannot
        // be constructed outside ML.NET, so the shape is propagated the way a column copy would propagate it.
        if (output == _options.LatentColumnName)
        {
            return inputSchema;
        }
        return _context.Transforms.CopyColumns(output, _options.LatentColumnName).GetOutputSchema(inputSchema);
    }
}
