using QGan.MLNet.Transforms.IO;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Transforms.Latent;

namespace QGan.MLNet.Trainers.Production;

/// <summary>
/// Everything production needs from a trained model folder: the generator, the decoder it was trained with, the
/// matching encoder when one can be found, and the critic when the run's checkpoint holds it.
/// <para>
/// <c>model</c> is a run directory of <c>qgan train</c> (holding <c>generator/</c>) or the <c>generator/</c> folder
/// itself (<c>manifest.json</c>, <c>generator.bin</c>, and <c>decoder.onnx</c> when trained from images). The
/// decoder is, in order: <c>DIR/decoder.onnx</c> of an explicit autoencoder directory; the decoder recorded in the
/// manifest; the shipped <c>models/sat4-synthetic</c> (searched from the working directory and the application
/// directory upwards). The encoder is <c>encoder.onnx</c> of the explicit autoencoder directory, or of
/// <c>models/sat4-synthetic</c> when that folder's decoder is byte-identical to the one in use (so latents and
/// images stay in the same space).
/// </para>
/// </summary>
public sealed class GeneratorPackage : IDisposable
{
    /// <summary>The shipped autoencoder, relative to the application or repository root.</summary>
    public const string DefaultAutoencoderFolder = ShippedModels.Sat4SyntheticAutoencoder;

    private GeneratorPackage(string directory, TrainedGenerator generator, LatentOnnxModel decoder, LatentOnnxModel? encoder, CriticScorer? critic)
    {
        Directory = directory;
        Generator = generator;
        Decoder = decoder;
        Encoder = encoder;
        Critic = critic;
    }

    /// <summary>The generator folder (the one holding manifest.json).</summary>
    public string Directory { get; }

    /// <summary>The trained generator.</summary>
    public TrainedGenerator Generator { get; }

    /// <summary>The generator's manifest.</summary>
    public GeneratorManifest Manifest => Generator.Manifest;

    /// <summary>The decoder the generator's latents are decoded with.</summary>
    public LatentOnnxModel Decoder { get; }

    /// <summary>The matching encoder, when one is found; else null.</summary>
    public LatentOnnxModel? Encoder { get; }

    /// <summary>The run's critic, when its checkpoint is from the generator's iteration; else null.</summary>
    public CriticScorer? Critic { get; }

    /// <summary>Opens a run directory or generator folder (<paramref name="model"/>), with the decoder and encoder of <paramref name="autoencoder"/> or the defaults described above.</summary>
    public static GeneratorPackage Open(string model, string? autoencoder = null)
    {
        var directory = ResolveGeneratorDirectory(model);
        var generator = TrainedGenerator.Load(directory);
        try
        {
            var (decoder, encoder) = LoadAutoencoder(directory, generator.Manifest, autoencoder);
            if (decoder.LatentSize != generator.LatentDimension)
            {
                throw new InvalidDataException(
                    $"decoder '{decoder.Source}' takes {decoder.LatentSize} latent values but the generator in {directory} produces {generator.LatentDimension}");
            }
            if (encoder is not null && encoder.LatentSize != generator.LatentDimension)
            {
                throw new InvalidDataException(
                    $"encoder '{encoder.Source}' produces {encoder.LatentSize} latent values but the generator in {directory} produces {generator.LatentDimension}");
            }
            var runDirectory = Path.GetDirectoryName(Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar));
            var critic = runDirectory is null ? null : CriticScorer.TryLoad(new GanRunLayout(runDirectory).CheckpointPath, generator.Manifest);
            return new GeneratorPackage(directory, generator, decoder, encoder, critic);
        }
        catch
        {
            generator.Dispose();
            throw;
        }
    }

    /// <summary>A run directory (with <c>generator/</c>) or a generator folder -&gt; the generator folder.</summary>
    public static string ResolveGeneratorDirectory(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        if (!System.IO.Directory.Exists(model))
        {
            throw new ArgumentException($"directory {model} does not exist", nameof(model));
        }
        if (File.Exists(Path.Combine(model, TrainedGenerator.ManifestFileName)))
        {
            return model;
        }
        var nested = new GanRunLayout(model).GeneratorDirectory;
        return File.Exists(Path.Combine(nested, TrainedGenerator.ManifestFileName))
            ? nested
            : throw new ArgumentException($"{model} holds neither {TrainedGenerator.ManifestFileName} nor a generator/ folder with one", nameof(model));
    }

    /// <summary>The shipped autoencoder folder (<see cref="ShippedModels.Find"/>: next to the application first), or null.</summary>
    public static string? FindDefaultAutoencoder()
    {
        var folder = ShippedModels.Find(DefaultAutoencoderFolder);
        return folder is not null && File.Exists(Path.Combine(folder, AutoencoderOnnx.DecoderFileName)) ? folder : null;
    }

    private static (LatentOnnxModel Decoder, LatentOnnxModel? Encoder) LoadAutoencoder(string directory, GeneratorManifest manifest, string? autoencoder)
    {
        if (autoencoder is not null)
        {
            if (!System.IO.Directory.Exists(autoencoder))
            {
                throw new ArgumentException($"directory {autoencoder} does not exist", nameof(autoencoder));
            }
            var encoderPath = Path.Combine(autoencoder, AutoencoderOnnx.EncoderFileName);
            return (LatentOnnxModel.Load(Path.Combine(autoencoder, AutoencoderOnnx.DecoderFileName), LatentModelKind.Decoder),
                File.Exists(encoderPath) ? LatentOnnxModel.Load(encoderPath, LatentModelKind.Encoder) : null);
        }
        var fallback = FindDefaultAutoencoder();
        LatentOnnxModel decoder;
        if (manifest.Decoder is not null)
        {
            decoder = LatentOnnxModel.Load(Path.Combine(directory, manifest.Decoder), LatentModelKind.Decoder);
        }
        else if (fallback is not null)
        {
            decoder = LatentOnnxModel.Load(Path.Combine(fallback, AutoencoderOnnx.DecoderFileName), LatentModelKind.Decoder);
        }
        else
        {
            throw new ArgumentException(
                $"the generator in {directory} records no decoder and {DefaultAutoencoderFolder} was not found; pass the autoencoder directory",
                nameof(autoencoder));
        }
        LatentOnnxModel? encoder = null;
        var local = Path.Combine(directory, AutoencoderOnnx.EncoderFileName);
        if (File.Exists(local))
        {
            encoder = LatentOnnxModel.Load(local, LatentModelKind.Encoder);
        }
        else if (fallback is not null
            && File.ReadAllBytes(Path.Combine(fallback, AutoencoderOnnx.DecoderFileName)).AsSpan().SequenceEqual(decoder.Bytes)
            && File.Exists(Path.Combine(fallback, AutoencoderOnnx.EncoderFileName)))
        {
            encoder = LatentOnnxModel.Load(Path.Combine(fallback, AutoencoderOnnx.EncoderFileName), LatentModelKind.Encoder);
        }
        return (decoder, encoder);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Critic?.Dispose();
        Generator.Dispose();
    }
}
