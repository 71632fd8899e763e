using Microsoft.ML.OnnxRuntime;
using QGan.MLNet.Transforms.Latent;

namespace QGan.MLNet.Transforms.Production;

/// <summary>
/// An exported WGAN critic (<c>qgan export-onnx --critic-out</c>): <c>latent</c> [N, L] -&gt; <c>score</c> [N, 1]. Higher
/// means the critic judges a latent more like the training data; the scale only compares scores of the same critic.
/// Runs on ONNX Runtime alone; thread-safe; dispose it to free the session.
/// </summary>
public sealed class ExportedCritic : IDisposable
{
    private readonly InferenceSession _session;

    private ExportedCritic(InferenceSession session, string source, int latentDimension)
    {
        _session = session;
        Source = source;
        LatentDimension = latentDimension;
    }

    /// <summary>Where the model came from, for messages.</summary>
    public string Source { get; }

    /// <summary>Latent values per row (L).</summary>
    public int LatentDimension { get; }

    /// <summary>Loads and checks <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">It is not a critic model; the message names the file and the tensor.</exception>
    public static ExportedCritic Load(string path, int intraOpThreads = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"exported critic '{path}' does not exist.", path);
        }
        return FromBytes(File.ReadAllBytes(path), path, intraOpThreads);
    }

    /// <summary>Checks and opens a critic held in memory; <paramref name="source"/> names it in messages.</summary>
    public static ExportedCritic FromBytes(byte[] model, string source, int intraOpThreads = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(intraOpThreads);
        var session = ExportedModels.Open(model, source, intraOpThreads);
        try
        {
            var latent = ExportedModels.Tensor(session.InputMetadata, LatentTensorNames.Latent, 2, "input", source);
            var score = ExportedModels.Tensor(session.OutputMetadata, LatentTensorNames.Score, 2, "output", source);
            if (score[0] != 1)
            {
                throw new InvalidDataException($"critic model '{source}': output '{LatentTensorNames.Score}' must be [N, 1], got [N, {score[0]}].");
            }
            return new ExportedCritic(session, source, latent[0]);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Scores of latent rows (row-major [count, L]).</summary>
    /// <exception cref="ArgumentException">The values do not form rows of <see cref="LatentDimension"/>.</exception>
    public float[] Score(ReadOnlySpan<float> latents)
    {
        if (latents.Length % LatentDimension != 0)
        {
            throw new ArgumentException($"{latents.Length} values do not form latent rows of {LatentDimension}", nameof(latents));
        }
        int rows = latents.Length / LatentDimension;
        if (rows == 0)
        {
            return [];
        }
        using var input = OrtValue.CreateTensorValueFromMemory(latents.ToArray(), [rows, LatentDimension]);
        using var runOptions = new RunOptions();
        using var results = _session.Run(runOptions, [LatentTensorNames.Latent], [input], [LatentTensorNames.Score]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose() => _session.Dispose();
}
