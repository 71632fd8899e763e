using System.Text.Json;
using QGan.MLNet.Transforms.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Gan.Models;

/// <summary>
/// A trained generator ready for inference: the module (in eval mode) and its manifest. Saved as a directory
/// with <c>manifest.json</c> and <c>generator.bin</c> (TorchSharp state dict). Thread-safe for generation.
/// </summary>
public sealed class TrainedGenerator : IDisposable
{
    /// <summary><c>manifest.json</c>.</summary>
    public const string ManifestFileName = "manifest.json";
    /// <summary><c>generator.bin</c> (TorchSharp state dict).</summary>
    public const string WeightsFileName = "generator.bin";

    private readonly nn.Module<Tensor, Tensor> _module;
    private readonly object _gate = new();
    private bool _disposed;

    /// <summary>Takes ownership of <paramref name="module"/>.</summary>
    public TrainedGenerator(nn.Module<Tensor, Tensor> module, GeneratorManifest manifest)
    {
        _module = module ?? throw new ArgumentNullException(nameof(module));
        Manifest = manifest ?? throw new ArgumentNullException(nameof(manifest));
        if (module is not IGenerator g || g.NoiseDimension != manifest.NoiseDimension || g.OutputDimension != manifest.LatentDimension)
        {
            throw new ArgumentException("the module does not match the manifest (noise or latent dimension)", nameof(module));
        }
        _module.eval();
    }

    /// <summary>The manifest.</summary>
    public GeneratorManifest Manifest { get; }

    /// <summary>Noise values per sample.</summary>
    public int NoiseDimension => Manifest.NoiseDimension;

    /// <summary>Latent values per sample.</summary>
    public int LatentDimension => Manifest.LatentDimension;

    /// <summary>Maps noise rows (row-major [rows, NoiseDimension]) to latent rows ([rows, LatentDimension]).</summary>
    public float[] Generate(ReadOnlySpan<float> noise)
    {
        if (noise.Length % NoiseDimension != 0)
        {
            throw new ArgumentException($"noise has {noise.Length} values, not a multiple of the noise dimension {NoiseDimension}", nameof(noise));
        }
        int rows = noise.Length / NoiseDimension;
        if (rows == 0)
        {
            return [];
        }
        for (int i = 0; i < noise.Length; i++)
        {
            if (!float.IsFinite(noise[i]))
            {
                throw new ArgumentException($"noise row {i / NoiseDimension}, component {i % NoiseDimension} is {noise[i]}", nameof(noise));
            }
        }
        var copy = noise.ToArray();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var output = _module.forward(torch.tensor(copy, [rows, NoiseDimension]));
            return output.to(ScalarType.Float32).contiguous().data<float>().ToArray();
        }
    }

    /// <summary>Runs <paramref name="body"/> on the module under the generator's lock (read-only uses such as ONNX export).</summary>
    internal T WithModule<T>(Func<nn.Module<Tensor, Tensor>, T> body)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return body(_module);
        }
    }

    /// <summary>Writes the directory (manifest + weights), each file atomically.</summary>
    public void Save(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            AtomicFile.Write(Path.Combine(directory, WeightsFileName), stream =>
            {
                using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
                _module.save(writer);
            });
        }
        AtomicFile.WriteAllText(Path.Combine(directory, ManifestFileName), JsonSerializer.Serialize(Manifest, GeneratorManifest.Json));
    }

    /// <summary>Loads a directory written by <see cref="Save"/>; errors name the file and the field.</summary>
    public static TrainedGenerator Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"generator directory {directory} does not exist");
        }
        var manifestPath = Path.Combine(directory, ManifestFileName);
        var weightsPath = Path.Combine(directory, WeightsFileName);
        if (!File.Exists(manifestPath))
        {
            throw new FileNotFoundException($"{manifestPath} is missing (not a saved generator directory)", manifestPath);
        }
        if (!File.Exists(weightsPath))
        {
            throw new FileNotFoundException($"{weightsPath} is missing", weightsPath);
        }
        GeneratorManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<GeneratorManifest>(File.ReadAllText(manifestPath), GeneratorManifest.Json)
                ?? throw new InvalidDataException($"{manifestPath}: empty manifest");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{manifestPath}: invalid JSON ({ex.Message})", ex);
        }
        manifest.Validate(manifestPath);
        var module = GeneratorFactory.Create(manifest.ToOptions(), manifest.LatentDimension);
        try
        {
            using var stream = File.OpenRead(weightsPath);
            using var reader = new BinaryReader(stream);
            module.load(reader);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            module.Dispose();
            throw new InvalidDataException($"{weightsPath}: cannot load the generator weights ({ex.Message})", ex);
        }
        var loaded = (IGenerator)module;
        if (loaded.ParameterCount != manifest.GeneratorParameterCount)
        {
            module.Dispose();
            throw new InvalidDataException(
                $"{manifestPath}: field 'generatorParameterCount' is {manifest.GeneratorParameterCount}, the rebuilt generator has {loaded.ParameterCount}");
        }
        return new TrainedGenerator(module, manifest);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _disposed = true;
                _module.Dispose();
            }
        }
    }
}
