using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Transforms.Mapping;

namespace QGan.MLNet.Transforms.Features;

/// <summary>
/// Appends the ONNX features of each row's image as a float vector column. Cursors extract in batches of
/// <c>Options.BatchSize</c> (and in parallel through <c>GetRowCursorSet</c>); every row's features depend only on its
/// image. It is a row-to-row mapper (PredictionEngine works) and saves into an ML.NET model zip
/// (<c>mlContext.Model.Save</c>) as the equivalent chain of <c>ApplyOnnxModel</c> transforms over the preprocessing
/// graph and the model, which loads back with the same outputs and without this assembly. Owns the ONNX Runtime
/// sessions: dispose it when done.
/// </summary>
public sealed class OnnxFeatureExtractorTransformer : ITransformer, IDisposable
{
    private readonly OnnxColumnMapping _mapping;

    internal OnnxFeatureExtractorTransformer(MLContext context, OnnxFeatureExtractor extractor)
    {
        Extractor = extractor;
        _mapping = new OnnxColumnMapping(context, extractor.Pipeline, extractor.Options.InputColumnName,
            extractor.Options.OutputColumnName, extractor.Options.BatchSize, "image");
    }

    /// <summary>The underlying extractor (also usable directly on arrays, in batches).</summary>
    public OnnxFeatureExtractor Extractor { get; }

    /// <summary>The options the extractor was opened with.</summary>
    public OnnxFeatureExtractorOptions Options => Extractor.Options;

    /// <summary>Features per image (the length of the output column).</summary>
    public int FeatureDimension => Extractor.FeatureDimension;

    /// <summary>True: every output row depends only on its input row.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The input schema plus the feature column; checks the image column first.</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        OnnxFeatureExtractorEstimator.CheckInputColumn(inputSchema, Options, Extractor.ImageLength);
        return _mapping.OutputSchema(inputSchema);
    }

    /// <summary>The input plus the feature column, computed lazily in batches as cursors move.</summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        OnnxFeatureExtractorEstimator.CheckInputColumn(input.Schema, Options, Extractor.ImageLength);
        return _mapping.Transform(input);
    }

    /// <summary>The row-to-row mapper of the equivalent <c>ApplyOnnxModel</c> chain (used by PredictionEngine).</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        OnnxFeatureExtractorEstimator.CheckInputColumn(inputSchema, Options, Extractor.ImageLength);
        return _mapping.GetRowToRowMapper(inputSchema);
    }

    void ICanSaveModel.Save(ModelSaveContext ctx) => _mapping.Save(ctx);

    /// <summary>Releases the ONNX Runtime sessions.</summary>
    public void Dispose()
    {
        _mapping.Dispose();
        Extractor.Dispose();
    }
}
