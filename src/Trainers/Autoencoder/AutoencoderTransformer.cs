using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.IO;
using QGan.MLNet.Transforms.Latent;

namespace QGan.MLNet.Trainers.Autoencoder;

/// <summary>
/// A trained autoencoder as an ML.NET transformer: <see cref="Transform"/> adds the latent column (the ONNX encoder
/// applied through EncodeLatent); <see cref="Decode"/> maps a latent column back to images. <see cref="Save(string)"/>
/// writes <c>encoder.onnx</c>, <c>decoder.onnx</c> and <c>autoencoder.json</c> to a directory and
/// <see cref="Load"/> reads them back. <c>mlContext.Model.Save</c> stores the encoding pipeline (an ordinary ML.NET
/// transformer chain that loads without this library's types).
/// </summary>
public sealed class AutoencoderTransformer : ITransformer
{
    private readonly MLContext _mlContext;
    private readonly ITransformer _encode;

    internal AutoencoderTransformer(MLContext mlContext, LatentOnnxModel encoder, LatentOnnxModel decoder, AutoencoderModelInfo info,
        string imageColumnName, string latentColumnName)
    {
        _mlContext = mlContext;
        Encoder = encoder;
        Decoder = decoder;
        Info = info;
        ImageColumnName = imageColumnName;
        LatentColumnName = latentColumnName;
        var estimator = mlContext.QGan().Transforms.EncodeLatent(encoder, imageColumnName, latentColumnName);
        _encode = estimator.Fit(EmptyVectorView(mlContext, imageColumnName, (int)encoder.ImageSize));
    }

    /// <summary>The checked encoder model.</summary>
    public LatentOnnxModel Encoder { get; }

    /// <summary>The checked decoder model.</summary>
    public LatentOnnxModel Decoder { get; }

    /// <summary>The model folder's <c>autoencoder.json</c>, when it has one.</summary>
    public AutoencoderModelInfo Info { get; }

    /// <summary>The image column (encoder input).</summary>
    public string ImageColumnName { get; }

    /// <summary>The latent column (encoder output).</summary>
    public string LatentColumnName { get; }

    /// <inheritdoc/>
    public bool IsRowToRowMapper => _encode.IsRowToRowMapper;

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _encode.GetOutputSchema(inputSchema);

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => _encode.GetRowToRowMapper(inputSchema);

    /// <inheritdoc/>
    public IDataView Transform(IDataView input) => _encode.Transform(input);

    /// <summary>Decodes <paramref name="latentColumn"/> into images in <paramref name="outputColumn"/>.</summary>
    public IDataView Decode(IDataView input, string? latentColumn = null, string? outputColumn = null) =>
        _mlContext.QGan().Transforms.DecodeLatent(Decoder, latentColumn ?? LatentColumnName, outputColumn ?? ImageColumnName)
            .Fit(input).Transform(input);

    void ICanSaveModel.Save(ModelSaveContext ctx) => _encode.Save(ctx);

    /// <summary>Writes encoder.onnx, decoder.onnx and autoencoder.json (each atomically) into <paramref name="directory"/>.</summary>
    public void Save(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllBytes(Path.Combine(directory, AutoencoderOnnx.EncoderFileName), Encoder.Bytes);
        AtomicFile.WriteAllBytes(Path.Combine(directory, AutoencoderOnnx.DecoderFileName), Decoder.Bytes);
        AtomicFile.WriteAllText(Path.Combine(directory, AutoencoderModelInfo.FileName), Info.ToJson());
    }

    /// <summary>Loads a directory written by <see cref="Save(string)"/> (or by <c>qgan train-ae</c>).</summary>
    public static AutoencoderTransformer Load(MLContext mlContext, string directory, string imageColumnName = "Image", string latentColumnName = "Latent")
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Autoencoder directory '{directory}' does not exist.");
        }
        var infoPath = Path.Combine(directory, AutoencoderModelInfo.FileName);
        if (!File.Exists(infoPath))
        {
            throw new FileNotFoundException($"'{infoPath}' is missing: not an autoencoder directory.", infoPath);
        }
        var info = AutoencoderModelInfo.FromJson(File.ReadAllText(infoPath), infoPath);
        var encoder = LatentOnnxModel.Load(Path.Combine(directory, info.EncoderFile), LatentModelKind.Encoder);
        var decoder = LatentOnnxModel.Load(Path.Combine(directory, info.DecoderFile), LatentModelKind.Decoder);
        var a = info.Architecture;
        long[] imageShape = [a.InputChannels, a.ImageSize, a.ImageSize];
        foreach (var model in new[] { encoder, decoder })
        {
            if (model.LatentSize != a.LatentSize || !model.ImageShape.SequenceEqual(imageShape))
            {
                throw new InvalidDataException(
                    $"'{model.Source}' maps [{string.Join(",", model.ImageShape)}] <-> [{model.LatentSize}] but '{infoPath}' describes [{string.Join(",", imageShape)}] <-> [{a.LatentSize}].");
            }
        }
        return new AutoencoderTransformer(mlContext, encoder, decoder, info, imageColumnName, latentColumnName);
    }

    /// <summary>An empty data view with one vector column: enough for ML.NET to bind the ONNX transform's schema.</summary>
    private static IDataView EmptyVectorView(MLContext mlContext, string column, int size)
    {
        var definition = Microsoft.ML.Data.SchemaDefinition.Create(typeof(VectorRow));
        definition[0].ColumnName = column;
        definition[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
        return mlContext.Data.LoadFromEnumerable(Array.Empty<VectorRow>(), definition);
    }

    private sealed class VectorRow
    {
        public float[] Values { get; set; } = [];
    }
}
