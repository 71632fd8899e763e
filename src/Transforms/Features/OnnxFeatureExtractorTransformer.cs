using Microsoft.ML;
using Microsoft.ML.Data;

namespace QGan.MLNet.Transforms.Features;

/// <summary>
/// Appends the ONNX features of each row's image as a float vector column. Rows are mapped lazily one at a time
/// (like ML.NET's own ONNX transformer), so any upstream cursor, shuffled or not, works. Owns the ONNX Runtime
/// session: dispose it when done.
/// </summary>
/// <remarks>
/// The transformer cannot be written into an ML.NET model zip (ML.NET's loader registry is not open to other
/// assemblies); keep the <see cref="OnnxFeatureExtractorOptions"/> and the ONNX file instead and fit again.
/// </remarks>
public sealed class OnnxFeatureExtractorTransformer : ITransformer, IDisposable
{
    internal OnnxFeatureExtractorTransformer(OnnxFeatureExtractor extractor)
    {
        Extractor = extractor;
    }

    /// <summary>The underlying extractor (also usable directly on arrays, in batches).</summary>
    public OnnxFeatureExtractor Extractor { get; }

    public OnnxFeatureExtractorOptions Options => Extractor.Options;

    public int FeatureDimension => Extractor.FeatureDimension;

    public bool IsRowToRowMapper => false;

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        OnnxFeatureExtractorEstimator.CheckInputColumn(inputSchema, Options, Extractor.ImageLength);
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        builder.AddColumn(Options.OutputColumnName, new VectorDataViewType(NumberDataViewType.Single, FeatureDimension));
        return builder.ToSchema();
    }

    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new FeatureExtractorDataView(input, GetOutputSchema(input.Schema), this);
    }

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        throw new NotSupportedException("The ONNX feature extractor maps data views (Transform), not single rows.");

    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException(
            "The ONNX feature extractor cannot be saved into an ML.NET model; keep its options and ONNX file and fit it again.");

    public void Dispose() => Extractor.Dispose();
}
