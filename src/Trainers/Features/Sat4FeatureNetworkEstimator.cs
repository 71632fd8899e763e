using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Features;

namespace QGan.MLNet.Trainers.Features;

/// <summary>
/// ML.NET estimator of the SAT-4 feature network: <see cref="Fit"/> trains it on the <c>Image</c> and <c>Label</c>
/// columns, writes <c>features.onnx</c>, <c>metrics.csv</c> and <c>features.json</c> to
/// <see cref="OutputDirectory"/>, and returns the feature transformer on the written model (the
/// <see cref="OnnxFeatureExtractorOptions.Sat4FeatureNetwork"/> preset), which appends a 128-float column.
/// </summary>
public sealed class Sat4FeatureNetworkEstimator : IEstimator<OnnxFeatureExtractorTransformer>
{
    private readonly MLContext _context;

    /// <summary>An estimator training the network into <paramref name="outputDirectory"/> and returning its feature extractor.</summary>
    public Sat4FeatureNetworkEstimator(MLContext context, string outputDirectory, Sat4FeatureTrainingOptions? options = null,
        string outputColumnName = "Features")
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        Options = options ?? new Sat4FeatureTrainingOptions();
        Options.Validate();
        _context = context;
        OutputDirectory = outputDirectory;
        OutputColumnName = outputColumnName;
    }

    /// <summary>The training options.</summary>
    public Sat4FeatureTrainingOptions Options { get; }

    /// <summary>Where the trained model folder is written.</summary>
    public string OutputDirectory { get; }

    /// <summary>The feature column of the fitted transformer.</summary>
    public string OutputColumnName { get; }

    /// <summary>The last fit's accuracy and configuration (null before the first fit).</summary>
    public Sat4FeatureModelInfo? LastInfo { get; private set; }

    /// <inheritdoc/>
    public OnnxFeatureExtractorTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var split = _context.QGan().Data.ToSat4Split(input);
        var result = new Sat4FeatureTrainer(Options).Train(split);
        using (result.Model)
        {
            LastInfo = Sat4FeatureModelDirectory.Save(OutputDirectory, result, Options, $"ML.NET data view, {split.Count} patches", split.Count);
        }
        var options = OnnxFeatureExtractorOptions.Sat4FeatureNetwork(
            Path.Combine(OutputDirectory, Sat4FeatureOnnx.FileName), Sat4Schema.ImageColumn, OutputColumnName);
        return new OnnxFeatureExtractorEstimator(_context, options).Fit(input);
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        foreach (var name in new[] { Sat4Schema.ImageColumn, Sat4Schema.LabelColumn })
        {
            if (inputSchema.FirstOrDefault(c => c.Name == name).Name is null)
            {
                throw new ArgumentException($"The SAT-4 feature network needs a '{name}' column, which the data does not have (columns: {string.Join(", ", inputSchema.Select(c => c.Name))}).");
            }
        }
        // Like the feature transformer: the new column has the image column's shape kind (a known-size Single vector).
        return _context.Transforms.CopyColumns(OutputColumnName, Sat4Schema.ImageColumn).GetOutputSchema(inputSchema);
    }
}
