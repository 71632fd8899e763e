using Google.Protobuf;
using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Trainers.Production;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.Latent;
using QGan.MLNet.Transforms.Mapping;
using QGan.MLNet.Transforms.Onnx;

namespace QGan.MLNet.Trainers.Gan.MLNet;

/// <summary>
/// A trained GAN generator as an ML.NET transformer: every input row becomes one generated latent (column
/// <see cref="OutputColumnName"/>), from the row's noise column when <see cref="NoiseColumnName"/> is set, otherwise
/// from standard normal noise drawn deterministically from (<see cref="Seed"/>, the row's values in
/// <see cref="RowColumnName"/>), so a row gives the same sample in any batch, cursor order or process.
/// <para>
/// The generator runs as its exported ONNX graph (the quantum circuit compiled to standard operators; see
/// <see cref="NoiseToImageExporter"/>): cursors generate in blocks, <c>GetRowCursorSet</c> splits the work, it is a
/// row-to-row mapper (PredictionEngine works), and <c>mlContext.Model.Save</c> writes it as the equivalent chain of
/// <c>ApplyOnnxModel</c> transforms, which loads back with the same outputs (and without TorchSharp). The outputs
/// agree with the TorchSharp module (<see cref="Generator"/>) to float precision. <see cref="SaveTo"/> /
/// <see cref="Load"/> keep the training-side directory (<c>manifest.json</c> + <c>generator.bin</c>).
/// </para>
/// Immutable and thread-safe; dispose it to release the native weights and sessions. Append
/// <c>mlContext.QGan().Transforms.DecodeLatent(...)</c> to obtain images.
/// </summary>
public sealed class GanGeneratorTransformer : ITransformer, IDisposable
{
    /// <summary>Noise column of <see cref="CreateNoise"/> and <see cref="Generate"/> when no noise column is named.</summary>
    public const string DefaultNoiseColumnName = "Noise";

    /// <summary>Fewest and most rows per ONNX Runtime run of a cursor (see <see cref="BlockSize"/>).</summary>
    private const int MinBlockRows = 64, MaxBlockRows = 1024;

    /// <summary>Bytes of per-row intermediates a block aims at: about a core's L2 cache.</summary>
    private const long BlockBytes = 2L << 20;

    private const string NoiseTensor = "qgan_generator_noise";
    private const string LatentTensor = "qgan_generator_latent";
    private const string RowTensor = "qgan_generator_row";

    private readonly MLContext _context;
    private readonly OnnxPipeline _noisePipeline;
    private readonly OnnxPipeline? _rowPipeline;
    private readonly OnnxColumnMapping _mapping;
    private readonly Lazy<OnnxColumnMapping> _noiseMapping;

    internal GanGeneratorTransformer(MLContext context, TrainedGenerator generator, string? noiseColumnName, string rowColumnName, int rowWidth,
        string outputColumnName, long seed)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
        Generator = generator ?? throw new ArgumentNullException(nameof(generator));
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(rowColumnName);
        if (noiseColumnName is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(noiseColumnName);
        }
        NoiseColumnName = noiseColumnName;
        RowColumnName = noiseColumnName is null ? rowColumnName : null;
        OutputColumnName = outputColumnName;
        Seed = seed;
        BlockSize = BlockRowsFor(generator.Manifest);

        var generatorModel = NoiseToImageExporter.ExportGenerator(generator).ToByteArray();
        var generatorStage = OnnxStage.Create(generatorModel, $"{generator.Manifest.Kind.ToString().ToLowerInvariant()} generator",
            NoiseToImageExporter.NoiseTensor, NoiseToImageExporter.LatentTensor, NoiseTensor, LatentTensor,
            [generator.NoiseDimension], [generator.LatentDimension]);
        _noisePipeline = new OnnxPipeline([generatorStage]);
        try
        {
            if (noiseColumnName is null)
            {
                var noiseStage = OnnxStage.FromBuilt(RowNoiseGraph.Build(rowWidth, generator.NoiseDimension, seed, RowTensor, NoiseTensor),
                    "row noise", [rowWidth], [generator.NoiseDimension]);
                _rowPipeline = new OnnxPipeline([noiseStage, generatorStage]);
                _mapping = new OnnxColumnMapping(context, _rowPipeline, rowColumnName, outputColumnName, BlockSize, "row");
            }
            else
            {
                _mapping = new OnnxColumnMapping(context, _noisePipeline, noiseColumnName, outputColumnName, BlockSize, "noise");
            }
        }
        catch
        {
            _rowPipeline?.Dispose();
            _noisePipeline.Dispose();
            throw;
        }
        _noiseMapping = new Lazy<OnnxColumnMapping>(() => noiseColumnName is null
            ? new OnnxColumnMapping(_context, _noisePipeline, DefaultNoiseColumnName, OutputColumnName, BlockSize, "noise")
            : _mapping);
    }

    /// <summary>
    /// Rows per ONNX Runtime run when a cursor generates: as many as keep the widest per-row intermediate of a block
    /// near 2 MiB, between 64 and 1024. The 12-qubit circuit carries a 32 KiB state per row, so 64 rows (blocks of 256
    /// measured 1.25x slower, all 10,000 rows in one call 1.45x); a classical MLP's rows are a few hundred bytes, so
    /// 1024 (blocks of 64 measured 1.25x slower from the per-run overhead; more than 1024 gave nothing). Results do not
    /// depend on it.
    /// </summary>
    public int BlockSize { get; }

    /// <summary>The trained TorchSharp module and its manifest (training-side format).</summary>
    public TrainedGenerator Generator { get; }

    /// <summary>The generator's manifest (kind, dimensions, capacities, provenance).</summary>
    public GeneratorManifest Manifest => Generator.Manifest;

    /// <summary>Input noise column (vector of <c>Manifest.NoiseDimension</c> Single), or null when noise is drawn from the row.</summary>
    public string? NoiseColumnName { get; }

    /// <summary>The column whose values identify a row for the drawn noise (null when a noise column is used).</summary>
    public string? RowColumnName { get; }

    /// <summary>Output column: vector of <c>Manifest.LatentDimension</c> Single.</summary>
    public string OutputColumnName { get; }

    /// <summary>The generator's ONNX pipeline on noise rows (the batched API the transformer is benchmarked against).</summary>
    internal OnnxPipeline NoisePipeline => _noisePipeline;

    /// <summary>Seed of the noise drawn from rows.</summary>
    public long Seed { get; }

    /// <summary>True: every output row depends only on its input row.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The input schema plus the generated column; checks the noise (or row) column first.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The noise or row column is missing or not a vector of the right size.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return _mapping.OutputSchema(inputSchema);
    }

    /// <summary>The input plus the generated column, computed lazily in blocks as cursors move.</summary>
    public IDataView Transform(IDataView input) => _mapping.Transform(input);

    /// <summary>The row-to-row mapper of the equivalent <c>ApplyOnnxModel</c> chain (used by PredictionEngine).</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => _mapping.GetRowToRowMapper(inputSchema);

    void ICanSaveModel.Save(ModelSaveContext ctx) => _mapping.Save(ctx);

    /// <summary>
    /// What this transformer computes, as one ONNX model for any runtime (or ML.NET's <c>ApplyOnnxModel</c>): with a
    /// noise column, <c>noise</c> [N, D] -&gt; <c>latent</c> [N, L]; with noise drawn from rows, <c>row</c> [N, W] (the
    /// row's values of <see cref="RowColumnName"/>) -&gt; <c>latent</c> [N, L], the same samples as <see cref="Transform"/>.
    /// With a decoder the model also outputs <c>image</c> [N, C, H, W].
    /// </summary>
    /// <exception cref="ArgumentException">The decoder takes another latent width than the generator produces.</exception>
    public byte[] ExportOnnx(LatentOnnxModel? decoder = null)
    {
        if (decoder is not null && decoder.LatentSize != Generator.LatentDimension)
        {
            throw new ArgumentException($"decoder '{decoder.Source}' takes {decoder.LatentSize} latent values, the generator produces {Generator.LatentDimension}", nameof(decoder));
        }
        var model = decoder is null ? NoiseToImageExporter.ExportGenerator(Generator) : NoiseToImageExporter.Export(Generator, decoder);
        if (RowColumnName is not null)
        {
            var rows = RowNoiseGraph.Build(_mapping.Pipeline.InputLength, Generator.NoiseDimension, Seed, RowOnnxInput, NoiseToImageExporter.NoiseTensor);
            model = OnnxGraphComposer.Compose(rows, model, NoiseToImageExporter.NoiseTensor, "generator/");
        }
        return model.ToByteArray();
    }

    /// <summary>Input tensor of <see cref="ExportOnnx"/> when noise is drawn from rows.</summary>
    public const string RowOnnxInput = "row";

    /// <summary>
    /// <paramref name="count"/> rows of standard normal noise, reproducible from the seed (the stream of
    /// <c>qgan sample --seed</c>), in column <see cref="NoiseColumnName"/> (or <see cref="DefaultNoiseColumnName"/>).
    /// </summary>
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
        definition[nameof(NoiseRow.Noise)].ColumnName = NoiseColumnName ?? DefaultNoiseColumnName;
        definition[nameof(NoiseRow.Noise)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Generator.NoiseDimension);
        return _context.Data.LoadFromEnumerable(rows, definition);
    }

    /// <summary>Noise from the seed through the generator: <paramref name="count"/> rows with the noise and the generated latent.</summary>
    public IDataView Generate(int count, long seed) => _noiseMapping.Value.Transform(CreateNoise(count, seed));

    /// <summary>
    /// Noise from the seed through the generator and the autoencoder decoder: the noise, latent and decoded image
    /// columns (<paramref name="imageColumnName"/>, C*H*W floats in [0, 1]).
    /// </summary>
    /// <exception cref="ArgumentException">The decoder takes another latent width than the generator produces.</exception>
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

    /// <summary>Saves the generator directory (manifest + weights): the training-side format, read by <see cref="Load"/>.</summary>
    public void SaveTo(string directory) => Generator.Save(directory);

    /// <summary>Loads a generator directory written by training or <see cref="SaveTo"/>, mapping a noise column to latents.</summary>
    public static GanGeneratorTransformer Load(MLContext context, string directory, string noiseColumnName = DefaultNoiseColumnName, string outputColumnName = "Latent")
    {
        var generator = TrainedGenerator.Load(directory);
        try
        {
            return new(context, generator, noiseColumnName, outputColumnName, generator.LatentDimension, outputColumnName, generator.Manifest.Seed);
        }
        catch
        {
            generator.Dispose();
            throw;
        }
    }

    internal static int BlockRowsFor(GeneratorManifest manifest)
    {
        long floats = manifest.Kind == GeneratorKind.Quantum
            ? 2L << (manifest.Qubits ?? 0)                                                    // complex amplitudes
            : new[] { manifest.NoiseDimension, manifest.LatentDimension }.Concat(manifest.GeneratorHidden ?? []).Max();
        return (int)Math.Clamp(BlockBytes / (floats * sizeof(float)), MinBlockRows, MaxBlockRows);
    }

    /// <summary>Releases the native weights and the ONNX Runtime sessions.</summary>
    public void Dispose()
    {
        if (_noiseMapping.IsValueCreated && !ReferenceEquals(_noiseMapping.Value, _mapping))
        {
            _noiseMapping.Value.Dispose();
        }
        _mapping.Dispose();
        _rowPipeline?.Dispose();
        _noisePipeline.Dispose();
        Generator.Dispose();
    }

    private sealed class NoiseRow
    {
        public float[] Noise { get; set; } = [];
    }
}
