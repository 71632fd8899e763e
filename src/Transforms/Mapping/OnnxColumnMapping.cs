using Microsoft.ML;
using Microsoft.ML.Data;

namespace QGan.MLNet.Transforms.Mapping;

/// <summary>
/// An <see cref="OnnxPipeline"/> bound to an input and an output column: the engine behind the project's ONNX-backed
/// transformers. <see cref="Transform"/> generates in blocks (and in parallel through cursor sets); the row-to-row
/// mapper and <c>mlContext.Model.Save</c> use the equivalent <c>ApplyOnnxModel</c> chain (built on first use), so a
/// saved model loads back as ordinary ML.NET transforms with the same outputs. The pipeline is not owned.
/// </summary>
public sealed class OnnxColumnMapping : IDisposable
{
    private readonly MLContext _context;
    private readonly Lazy<ITransformer> _chain;

    /// <param name="context">The ML.NET context of the equivalent chain.</param>
    /// <param name="pipeline">The models (not owned: dispose it separately).</param>
    /// <param name="inputColumn">Vector of Single of the pipeline's input size.</param>
    /// <param name="outputColumn">The column the mapping adds (replacing one of the same name).</param>
    /// <param name="blockSize">Rows per ONNX Runtime run in <see cref="Transform"/>.</param>
    /// <param name="role">What the input column holds, for error messages (e.g. "noise").</param>
    public OnnxColumnMapping(MLContext context, OnnxPipeline pipeline, string inputColumn, string outputColumn, int blockSize, string role)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentException.ThrowIfNullOrWhiteSpace(inputColumn);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumn);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        _context = context;
        Pipeline = pipeline;
        InputColumn = inputColumn;
        OutputColumn = outputColumn;
        BlockSize = blockSize;
        Role = role;
        _chain = new Lazy<ITransformer>(() => Pipeline.FitChain(_context, InputColumn, OutputColumn), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The models the mapping runs.</summary>
    public OnnxPipeline Pipeline { get; }

    /// <summary>The column the pipeline reads.</summary>
    public string InputColumn { get; }

    /// <summary>The column the mapping adds.</summary>
    public string OutputColumn { get; }

    /// <summary>Rows per ONNX Runtime run in <see cref="Transform"/>.</summary>
    public int BlockSize { get; }

    /// <summary>What the input column holds, for error messages (e.g. "noise").</summary>
    public string Role { get; }

    /// <summary>The equivalent ML.NET chain (what <c>Model.Save</c> writes).</summary>
    public ITransformer Chain => _chain.Value;

    /// <summary>The input column, checked to be a vector of Single of the pipeline's input size.</summary>
    public DataViewSchema.Column CheckInput(DataViewSchema schema, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var column = schema.GetColumnOrNull(InputColumn) ?? throw new ArgumentOutOfRangeException(parameterName,
            $"{Role} column '{InputColumn}' not found in the input (columns: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))})");
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType item } vector || item != NumberDataViewType.Single || vector.Size != Pipeline.InputLength)
        {
            throw new ArgumentOutOfRangeException(parameterName,
                $"{Role} column '{InputColumn}' must be a vector of {Pipeline.InputLength} Single values, got {column.Type}");
        }
        return column;
    }

    /// <summary>The input schema plus the output column (after <see cref="CheckInput"/>).</summary>
    public DataViewSchema OutputSchema(DataViewSchema input)
    {
        CheckInput(input, "inputSchema");
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        builder.AddColumn(OutputColumn, new VectorDataViewType(NumberDataViewType.Single, Pipeline.Stages[^1].OutputShape.Select(d => (int)d).ToArray()));
        return builder.ToSchema();
    }

    /// <summary>The input plus the output column, computed lazily in blocks as cursors move.</summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new OnnxMappedDataView(input, CheckInput(input.Schema, nameof(input)), OutputSchema(input.Schema), this);
    }

    /// <summary>The row-to-row mapper of the equivalent chain.</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        CheckInput(inputSchema, nameof(inputSchema));
        return Chain.GetRowToRowMapper(inputSchema);
    }

    /// <summary>Writes the equivalent chain into an ML.NET model (call from <c>ICanSaveModel.Save</c>).</summary>
    public void Save(ModelSaveContext context) => ((ICanSaveModel)Chain).Save(context);

    /// <summary>Disposes the ML.NET chain if it was built; the pipeline belongs to whoever created it.</summary>
    public void Dispose()
    {
        if (_chain.IsValueCreated && _chain.Value is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}
