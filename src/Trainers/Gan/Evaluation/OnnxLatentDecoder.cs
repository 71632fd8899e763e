using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.Latent;

namespace QGan.MLNet.Trainers.Gan.Evaluation;

/// <summary>Decodes latents with an autoencoder's <c>decoder.onnx</c> through the project's <c>DecodeLatent</c> transform.</summary>
public sealed class OnnxLatentDecoder : ILatentDecoder
{
    private readonly MLContext _context;
    private readonly LatentOnnxModel _model;

    /// <summary>A decoder running <paramref name="decoder"/> through ML.NET.</summary>
    public OnnxLatentDecoder(MLContext context, LatentOnnxModel decoder)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _model = decoder ?? throw new ArgumentNullException(nameof(decoder));
        if (decoder.Kind != LatentModelKind.Decoder)
        {
            throw new ArgumentException($"'{decoder.Source}' is an encoder, not a decoder", nameof(decoder));
        }
        if (decoder.ImageShape.Length != 3)
        {
            throw new ArgumentException($"'{decoder.Source}' produces images of shape [{string.Join(",", decoder.ImageShape)}], expected [C,H,W]", nameof(decoder));
        }
    }

    /// <summary>Loads <c>decoder.onnx</c> from a file.</summary>
    public static OnnxLatentDecoder Load(MLContext context, string path) => new(context, LatentOnnxModel.Load(path, LatentModelKind.Decoder));

    /// <summary>The checked decoder model.</summary>
    public LatentOnnxModel Model => _model;

    /// <summary>Latent values per row.</summary>
    public int LatentDimension => checked((int)_model.LatentSize);

    /// <summary>Floats per decoded image.</summary>
    public int ImageLength => checked((int)_model.ImageSize);

    /// <summary>Channels of the decoded images.</summary>
    public int Channels => checked((int)_model.ImageShape[0]);

    /// <summary>Latent rows (row-major) -&gt; CHW images, row-major.</summary>
    public float[] Decode(ReadOnlySpan<float> latents)
    {
        if (latents.Length % LatentDimension != 0)
        {
            throw new ArgumentException($"{latents.Length} latent values do not form rows of {LatentDimension}", nameof(latents));
        }
        int rows = latents.Length / LatentDimension;
        var input = new LatentRow[rows];
        for (int r = 0; r < rows; r++)
        {
            input[r] = new LatentRow { Latent = latents.Slice(r * LatentDimension, LatentDimension).ToArray() };
        }
        var definition = SchemaDefinition.Create(typeof(LatentRow));
        definition[nameof(LatentRow.Latent)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, LatentDimension);
        var view = _context.Data.LoadFromEnumerable(input, definition);
        var decoded = _context.QGan().Transforms.DecodeLatent(_model, "Latent", "Image").Fit(view).Transform(view);
        var images = new float[rows * ImageLength];
        int row = 0;
        foreach (var image in decoded.GetColumn<float[]>("Image"))
        {
            image.CopyTo(images, row++ * ImageLength);
        }
        return images;
    }

    private sealed class LatentRow
    {
        public float[] Latent { get; set; } = [];
    }
}
