using QGan.MLNet.Trainers.Gan.Checkpoints;
using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Onnx;
using QGan.MLNet.Transforms.Latent;
using TorchSharp;
using ScalarSafe = QGan.MLNet.Trainers.Runtime.ScalarSafe;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Production;

/// <summary>
/// The WGAN critic of a finished run, for scoring latents (higher = judged more like the training data; the scale is
/// only meaningful relative to other scores of the same critic). The saved generator folder does not hold the
/// critic; it is restored from the run's checkpoint (<c>RUN/checkpoints/checkpoint.bin</c>) when that checkpoint
/// was written at the same iteration as the generator. Thread-safe.
/// </summary>
public sealed class CriticScorer : IDisposable
{
    private readonly Critic _critic;
    private readonly object _gate = new();
    private bool _disposed;

    private CriticScorer(Critic critic, string source, int iteration)
    {
        _critic = critic;
        _critic.eval();
        Source = source;
        Iteration = iteration;
    }

    /// <summary>The checkpoint the critic was read from.</summary>
    public string Source { get; }

    /// <summary>Iteration of the checkpoint the critic came from.</summary>
    public int Iteration { get; }

    /// <summary>Latent values per row.</summary>
    public int LatentDimension => _critic.Inputs;

    /// <summary>
    /// Loads the critic from <paramref name="checkpointPath"/>; null when the file is missing or was written at
    /// another iteration than the generator (then it would score with a critic the generator never faced).
    /// Throws <see cref="InvalidDataException"/> naming the file when it exists but cannot be read.
    /// </summary>
    public static CriticScorer? TryLoad(string checkpointPath, GeneratorManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!File.Exists(checkpointPath))
        {
            return null;
        }
        var header = GanCheckpoint.ReadHeader(checkpointPath);
        if (header.Iteration != manifest.Iterations || header.ConfigHash != manifest.ConfigHash)
        {
            return null;
        }
        var options = manifest.ToOptions();
        using var generator = GeneratorFactory.Create(options, manifest.LatentDimension);
        var critic = new Critic(manifest.LatentDimension, options.CriticHidden, options.LeakySlope);
        try
        {
            // The optimizer states are read (the checkpoint stores them after the networks) and discarded.
            using var generatorOptimizer = new ScalarSafe.Adam(generator.parameters());
            using var criticOptimizer = new ScalarSafe.Adam(critic.parameters());
            GanCheckpoint.Load(checkpointPath, header.ConfigHash, header.DataFingerprint, generator, critic, generatorOptimizer, criticOptimizer);
        }
        catch (Exception ex) when (ex is not InvalidDataException and not OutOfMemoryException)
        {
            critic.Dispose();
            throw new InvalidDataException($"{checkpointPath}: cannot restore the critic ({ex.Message})", ex);
        }
        catch
        {
            critic.Dispose();
            throw;
        }
        return new CriticScorer(critic, checkpointPath, header.Iteration);
    }

    /// <summary>Critic scores of latent rows (row-major [rows, LatentDimension]).</summary>
    public float[] Score(ReadOnlySpan<float> latents)
    {
        int width = LatentDimension;
        if (latents.Length % width != 0)
        {
            throw new ArgumentException($"{latents.Length} values do not form latent rows of {width}", nameof(latents));
        }
        int rows = latents.Length / width;
        var copy = latents.ToArray();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            return _critic.forward(torch.tensor(copy, [rows, width])).to(ScalarType.Float32).contiguous().data<float>().ToArray();
        }
    }

    /// <summary>
    /// The critic as an ONNX model, <c>latent</c> [N, L] -&gt; <c>score</c> [N, 1], for the scoring service
    /// (<c>ExportedCritic</c> runs it on ONNX Runtime alone).
    /// </summary>
    public byte[] ExportOnnx()
    {
        var options = new OnnxExportOptions
        {
            InputName = LatentTensorNames.Latent,
            InputShape = [LatentDimension],
            OutputName = LatentTensorNames.Score,
            ExpectedOutputShape = [1],
            GraphName = "qgan-critic",
            DocString = "QGan.MLNet WGAN critic: latent -> score (higher: judged more like the training data).",
            Metadata = new Dictionary<string, string>
            {
                ["qgan.role"] = "critic",
                ["qgan.latent_dimension"] = LatentDimension.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["qgan.iteration"] = Iteration.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };
        var exporter = new OnnxModuleExporter(GeneratorOnnxConverters.CreateRegistry());
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return exporter.ExportBytes(_critic, options);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _disposed = true;
                _critic.Dispose();
            }
        }
    }
}
