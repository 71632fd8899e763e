using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Transforms.Latent;

/// <summary>
/// Applies an autoencoder half to a vector column: <c>EncodeLatent</c> (image vector -> latent vector) or
/// <c>DecodeLatent</c> (latent vector -> image vector). Built on ML.NET's ApplyOnnxModel: the input column is
/// copied to the model's tensor name, the model runs, and its output is copied to the requested column (the
/// temporary tensor-named columns are dropped). The fitted transformer is an ordinary ML.NET transformer chain,
/// so it works in a PredictionEngine and round-trips through <c>mlContext.Model.Save/Load</c>.
/// </summary>
public sealed class LatentOnnxEstimator : IEstimator<ITransformer>
{
    private readonly IEstimator<ITransformer> _pipeline;

    internal LatentOnnxEstimator(MLContext mlContext, LatentOnnxModel model, string inputColumn, string outputColumn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(inputColumn);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumn);
        Model = model;
        InputColumn = inputColumn;
        OutputColumn = outputColumn;
        _pipeline = BuildPipeline(mlContext);
    }

    /// <summary>The checked encoder or decoder model.</summary>
    public LatentOnnxModel Model { get; }

    /// <summary>The column the model reads (images for an encoder, latents for a decoder).</summary>
    public string InputColumn { get; }

    /// <summary>The column the model writes.</summary>
    public string OutputColumn { get; }

    /// <summary>Size the input vector column must have.</summary>
    public long InputSize => Model.Kind == LatentModelKind.Encoder ? Model.ImageSize : Model.LatentSize;

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var matches = inputSchema.Where(c => c.Name == InputColumn).ToArray();
        if (matches.Length == 0)
        {
            throw new ArgumentException(MissingColumn(inputSchema.Select(c => c.Name)));
        }
        var column = matches[^1];
        if (column.Kind != SchemaShape.Column.VectorKind.Vector || column.ItemType != NumberDataViewType.Single)
        {
            throw new ArgumentException(
                $"Column '{InputColumn}' must be a known-size vector of Single ({InputSize} values for {Model.Kind.ToString().ToLowerInvariant()} model '{Model.Source}'), but is {column.Kind} of {column.ItemType}.");
        }
        return _pipeline.GetOutputSchema(inputSchema);
    }

    /// <inheritdoc/>
    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInputColumn(input.Schema);
        return _pipeline.Fit(input);
    }

    /// <summary>Fails with a message naming the column and the model when the input column does not fit the model.</summary>
    public void CheckInputColumn(DataViewSchema schema)
    {
        var column = schema.GetColumnOrNull(InputColumn)
            ?? throw new ArgumentException(MissingColumn(schema.Select(c => c.Name)));
        if (column.Type is not VectorDataViewType vector || vector.ItemType != NumberDataViewType.Single || vector.Size != InputSize)
        {
            throw new ArgumentException(
                $"Column '{InputColumn}' must be a vector of {InputSize} Single values to feed tensor '{Model.InputTensor}' of {Model.Kind.ToString().ToLowerInvariant()} model '{Model.Source}', but is {column.Type}.");
        }
    }

    private string MissingColumn(IEnumerable<string> available) =>
        $"Input column '{InputColumn}' for {Model.Kind.ToString().ToLowerInvariant()} model '{Model.Source}' is not in the data (columns: {string.Join(", ", available)}).";

    private IEstimator<ITransformer> BuildPipeline(MLContext mlContext)
    {
        var onnxIn = Model.InputTensor;
        var onnxOut = Model.OutputTensor;
        var chain = new EstimatorChain<ITransformer>();
        if (InputColumn != onnxIn)
        {
            chain = chain.Append<ITransformer>(mlContext.Transforms.CopyColumns(onnxIn, InputColumn));
        }
        // A file, not a Stream: ML.NET leaves a temp copy behind for every Stream (see OnnxModelFile).
        chain = chain.Append<ITransformer>(mlContext.Transforms.ApplyOnnxModel(onnxOut, onnxIn, OnnxModelFile.For(Model.Bytes)));
        if (OutputColumn != onnxOut)
        {
            chain = chain.Append<ITransformer>(mlContext.Transforms.CopyColumns(OutputColumn, onnxOut));
        }
        var temporary = new List<string>();
        if (onnxIn != InputColumn && onnxIn != OutputColumn)
        {
            temporary.Add(onnxIn);
        }
        if (onnxOut != OutputColumn)
        {
            temporary.Add(onnxOut);
        }
        if (temporary.Count > 0)
        {
            chain = chain.Append<ITransformer>(mlContext.Transforms.DropColumns([.. temporary]));
        }
        return chain;
    }
}
