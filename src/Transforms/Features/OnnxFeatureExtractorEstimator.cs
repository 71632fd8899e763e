using Microsoft.ML;
using Microsoft.ML.Data;

namespace QGan.MLNet.Transforms.Features;

/// <summary>
/// ML.NET estimator of the generic ONNX feature extractor (e.g. a user-supplied FID Inception-v3). Fitting opens
/// the model, checks its signature against the options and the input column, and returns the transformer;
/// <see cref="GetOutputSchema"/> performs the same checks, so a wrong model fails before any data flows.
/// </summary>
public sealed class OnnxFeatureExtractorEstimator : IEstimator<OnnxFeatureExtractorTransformer>
{
    private readonly MLContext _context;
    private readonly OnnxFeatureExtractorOptions _options;

    /// <summary>An estimator for the model and preprocessing <paramref name="options"/> describe (validated here; the model is opened when fitting).</summary>
    public OnnxFeatureExtractorEstimator(MLContext context, OnnxFeatureExtractorOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _context = context;
        _options = options;
    }

    /// <summary>The options.</summary>
    public OnnxFeatureExtractorOptions Options => _options;

    /// <inheritdoc/>
    public OnnxFeatureExtractorTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var extractor = new OnnxFeatureExtractor(_options);
        try
        {
            CheckInputColumn(input.Schema, _options, extractor.ImageLength);
            return new OnnxFeatureExtractorTransformer(_context, extractor);
        }
        catch
        {
            extractor.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var column = inputSchema.LastOrDefault(c => c.Name == _options.InputColumnName);
        if (column.Name is null)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Input column '{_options.InputColumnName}' not found.");
        }
        if (column.Kind != SchemaShape.Column.VectorKind.Vector || column.ItemType != NumberDataViewType.Single)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Input column '{_options.InputColumnName}' must be a known-size vector of Single.");
        }
        // Opening the model checks its signature; the schema shape of the new column (a known-size vector of
        // Single, like the input) is propagated by ML.NET's own column copier, since SchemaShape columns cannot be
        // constructed outside ML.NET.
        using (new OnnxFeatureExtractor(_options))
        {
        }
        return _context.Transforms.CopyColumns(_options.OutputColumnName, _options.InputColumnName).GetOutputSchema(inputSchema);
    }

    internal static void CheckInputColumn(DataViewSchema schema, OnnxFeatureExtractorOptions options, int imageLength)
    {
        var column = schema.GetColumnOrNull(options.InputColumnName) ?? throw new ArgumentOutOfRangeException(
            nameof(schema), $"Input column '{options.InputColumnName}' not found.");
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType t } vector || t != NumberDataViewType.Single)
        {
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"Input column '{options.InputColumnName}' is {column.Type}; expected a vector of Single.");
        }
        if (vector.Size != 0 && vector.Size != imageLength)
        {
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"Input column '{options.InputColumnName}' has {vector.Size} values per row; the options describe " +
                $"{options.SourceChannels} x {options.SourceHeight} x {options.SourceWidth} = {imageLength}.");
        }
    }
}
