using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.Latent;

namespace QGan.MLNet.Trainers.Gan.MLNet;

/// <summary>
/// A trained GAN generator as an ML.NET transformer: every input row's noise column (fixed-size Single vector of
/// the generator's noise dimension) becomes a generated latent column. Lazy (rows are generated as cursors
/// move), immutable and thread-safe; dispose it to release the native weights. Persist it with
/// <see cref="SaveTo"/> / <see cref="Load"/> (a directory with <c>manifest.json</c> + <c>generator.bin</c>).
/// Append <c>mlContext.QGan().Transforms.DecodeLatent(...)</c> to obtain images.
/// </summary>
public sealed class GanGeneratorTransformer : ITransformer, IDisposable
{
    private readonly MLContext _context;

    internal GanGeneratorTransformer(MLContext context, TrainedGenerator generator, string noiseColumnName, string outputColumnName)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
        Generator = generator ?? throw new ArgumentNullException(nameof(generator));
        ArgumentException.ThrowIfNullOrWhiteSpace(noiseColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        NoiseColumnName = noiseColumnName;
        OutputColumnName = outputColumnName;
    }

    public TrainedGenerator Generator { get; }

    public GeneratorManifest Manifest => Generator.Manifest;

    public string NoiseColumnName { get; }

    public string OutputColumnName { get; }

    public bool IsRowToRowMapper => false;

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        LatentColumn.Require(inputSchema, NoiseColumnName, "noise", Generator.NoiseDimension);
        return LatentColumn.Append(inputSchema, OutputColumnName, Generator.LatentDimension);
    }

    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var noise = LatentColumn.Require(input.Schema, NoiseColumnName, "noise", Generator.NoiseDimension);
        return new GeneratedLatentDataView(input, noise, Generator, OutputColumnName);
    }

    /// <summary><paramref name="count"/> rows of standard normal noise (column <see cref="NoiseColumnName"/>), reproducible from the seed.</summary>
    public IDataView CreateNoise(int count, long seed)
    {
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "count must be >= 0");
        }
        var rng = new SeededRandom(unchecked((ulong)seed));
        var rows = new NoiseRow[count];
        for (int i = 0; i < count; i++)
        {
            rows[i] = new NoiseRow { Noise = new float[Generator.NoiseDimension] };
            rng.FillNormal(rows[i].Noise);
        }
        var definition = SchemaDefinition.Create(typeof(NoiseRow));
        definition[nameof(NoiseRow.Noise)].ColumnName = NoiseColumnName;
        definition[nameof(NoiseRow.Noise)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Generator.NoiseDimension);
        return _context.Data.LoadFromEnumerable(rows, definition);
    }

    /// <summary>Noise from the seed through the generator: <paramref name="count"/> rows with the noise and the generated latent.</summary>
    public IDataView Generate(int count, long seed) => Transform(CreateNoise(count, seed));

    /// <summary>
    /// Noise from the seed through the generator and the autoencoder decoder: the noise, latent and decoded image
    /// columns (<paramref name="imageColumnName"/>, C*H*W floats in [0, 1]).
    /// </summary>
    public IDataView GenerateImages(int count, long seed, LatentOnnxModel decoder, string imageColumnName = "Image")
    {
        ArgumentNullException.ThrowIfNull(decoder);
        if (decoder.LatentSize != Generator.LatentDimension)
        {
            throw new ArgumentException($"decoder '{decoder.Source}' takes {decoder.LatentSize} latent values, the generator produces {Generator.LatentDimension}", nameof(decoder));
        }
        var latents = Generate(count, seed);
        return _context.QGan().Transforms.DecodeLatent(decoder, OutputColumnName, imageColumnName).Fit(latents).Transform(latents);
    }

    /// <summary>Saves the generator directory (manifest + weights).</summary>
    public void SaveTo(string directory) => Generator.Save(directory);

    /// <summary>Loads a generator directory written by training or <see cref="SaveTo"/>.</summary>
    public static GanGeneratorTransformer Load(MLContext context, string directory, string noiseColumnName = "Noise", string outputColumnName = "Latent") =>
        new(context, TrainedGenerator.Load(directory), noiseColumnName, outputColumnName);

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        throw new NotSupportedException("the GAN generator transformer is not a row-to-row mapper; use Transform");

    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException("save the GAN generator with SaveTo(directory) (manifest.json + generator.bin); ML.NET model zips are not supported");

    public void Dispose() => Generator.Dispose();

    private sealed class NoiseRow
    {
        public float[] Noise { get; set; } = [];
    }
}
