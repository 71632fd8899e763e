using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Transforms.Latent;

namespace QGan.MLNet.Trainers.Autoencoder;

/// <summary>
/// ML.NET estimator that trains the convolutional autoencoder on an image vector column and returns an
/// <see cref="AutoencoderTransformer"/>, which adds the latent column (and can decode latents back to images).
/// </summary>
public sealed class AutoencoderEstimator : IEstimator<AutoencoderTransformer>
{
    private readonly MLContext _mlContext;

    internal AutoencoderEstimator(MLContext mlContext, AutoencoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Architecture.Validate();
        options.Training.Validate();
        _mlContext = mlContext;
        Options = options;
    }

    /// <summary>Architecture and training options.</summary>
    public AutoencoderOptions Options { get; }

    /// <inheritdoc/>
    public AutoencoderTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var a = Options.Architecture;
        var data = ReadImages(input, Options.ImageColumnName, a);
        var description = Options.DataDescription ?? $"IDataView column '{Options.ImageColumnName}'";
        var trainer = new AutoencoderTrainer(a, Options.Training);
        using var result = trainer.Train(data, Options.Progress, Options.Resume);

        var t = Options.Training;
        var info = new AutoencoderModelInfo
        {
            Architecture = a,
            Training = new AutoencoderTrainingSummary(t.Epochs, result.EpochsRun, t.BatchSize, t.LearningRate, t.WeightDecay, t.Seed,
                t.ValidationFraction, t.Schedule, t.EarlyStoppingPatience, result.StoppedEarly, result.BestEpoch, result.ConfigHash),
            Data = new AutoencoderDataSummary(description, data.Count, result.TrainCount, result.ValidationCount),
            Quality = new AutoencoderQuality(result.TrainMse, result.ValidationMse, result.MeanImageBaselineMse),
        };
        var metadata = new Dictionary<string, string>
        {
            ["training_data"] = description,
            ["seed"] = t.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["validation_mse"] = result.ValidationMse.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            ["mean_image_baseline_mse"] = result.MeanImageBaselineMse.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        };
        var encoder = LatentOnnxModel.FromBytes(AutoencoderOnnx.ExportEncoder(result.Model, metadata), LatentModelKind.Encoder, "trained encoder");
        var decoder = LatentOnnxModel.FromBytes(AutoencoderOnnx.ExportDecoder(result.Model, metadata), LatentModelKind.Decoder, "trained decoder");
        return new AutoencoderTransformer(_mlContext, encoder, decoder, info, Options.ImageColumnName, Options.LatentColumnName);
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var column = inputSchema.FirstOrDefault(c => c.Name == Options.ImageColumnName);
        if (column.Name is null)
        {
            throw new ArgumentException($"The autoencoder needs an image column '{Options.ImageColumnName}', which the data does not have (columns: {string.Join(", ", inputSchema.Select(c => c.Name))}).");
        }
        if (column.Kind != SchemaShape.Column.VectorKind.Vector || column.ItemType != NumberDataViewType.Single)
        {
            throw new ArgumentException($"Column '{Options.ImageColumnName}' must be a known-size vector of Single, not {column.Kind} of {column.ItemType}.");
        }
        // SchemaShape.Column has no public constructor and records no vector size: the latent column has the
        // same shape kind as the image column (a known-size Single vector), which CopyColumns reports exactly.
        return _mlContext.Transforms.CopyColumns(Options.LatentColumnName, Options.ImageColumnName).GetOutputSchema(inputSchema);
    }

    /// <summary>Copies the image column into one contiguous array, checking its type and size first.</summary>
    internal static AutoencoderDataset ReadImages(IDataView input, string columnName, AutoencoderArchitecture a)
    {
        var column = input.Schema.GetColumnOrNull(columnName)
            ?? throw new ArgumentException($"The autoencoder needs an image column '{columnName}', which the data does not have (columns: {string.Join(", ", input.Schema.Select(c => c.Name))}).");
        if (column.Type is not VectorDataViewType vector || vector.ItemType != NumberDataViewType.Single || vector.Size != a.ImageLength)
        {
            throw new ArgumentException(
                $"Column '{columnName}' must be a vector of {a.ImageLength} Single values ({a.InputChannels}x{a.ImageSize}x{a.ImageSize}, CHW) but is {column.Type}.");
        }
        var pixels = new List<float>(checked((int)Math.Min((input.GetRowCount() ?? 0) * a.ImageLength, int.MaxValue)));
        using (var cursor = input.GetRowCursor([column]))
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            var buffer = default(VBuffer<float>);
            var dense = new float[a.ImageLength];
            while (cursor.MoveNext())
            {
                getter(ref buffer);
                buffer.CopyTo(dense);
                pixels.AddRange(dense);
            }
        }
        if (pixels.Count == 0)
        {
            throw new ArgumentException($"Column '{columnName}' has no rows to train on.");
        }
        return new AutoencoderDataset([.. pixels], a.InputChannels, a.ImageSize, a.ImageSize, $"column '{columnName}'");
    }
}
