using System.Text.Json;
using QGan.MLNet.Trainers.Checkpoints;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Trainers.Autoencoder;

/// <summary>
/// Everything needed to continue a run bit for bit: weights, AdamW state, the best weights so far, the scheduler and
/// early-stopping counters, the metrics history and a hash of the configuration and data. No random state: training
/// draws no randomness after initialisation, and the order of epoch e is a pure function of the seed and e.
/// (Format 1 also stored torch's process-wide RNG state, which resuming restored; format 2 leaves that state alone.)
/// File layout: magic, a length-prefixed JSON header, three length-prefixed blobs, and a SHA-256 of all of it
/// (<see cref="BlobCheckpointFile"/>, <see cref="ChecksummedFile"/>), so a truncated or corrupted file is detected. Files are written atomically (temp
/// file + rename): a run killed while saving leaves the previous checkpoint intact.
/// </summary>
internal sealed class AutoencoderCheckpoint
{
    private static readonly byte[] Magic = "QGANAECK"u8.ToArray();
    private const int FormatVersion = 2;

    // The best MSE and the plateau reference start at +infinity.
    private static readonly JsonSerializerOptions JsonOptions = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public required CheckpointHeader Header { get; init; }

    public required byte[] ModelState { get; init; }

    public required byte[] OptimizerState { get; init; }

    /// <summary>Weights of the best validation epoch (empty when there is none yet).</summary>
    public required byte[] BestModelState { get; init; }

    public void Save(string path) => BlobCheckpointFile.Write(
        path, Magic, FormatVersion, JsonSerializer.SerializeToUtf8Bytes(Header, JsonOptions), ModelState, OptimizerState, BestModelState);

    public static AutoencoderCheckpoint Load(string path)
    {
        var blobs = BlobCheckpointFile.Read(path, Magic, FormatVersion, 4, "an autoencoder checkpoint");
        var header = JsonSerializer.Deserialize<CheckpointHeader>(blobs[0], JsonOptions)
            ?? throw new InvalidDataException($"Checkpoint '{path}' has an empty header.");
        return new AutoencoderCheckpoint { Header = header, ModelState = blobs[1], OptimizerState = blobs[2], BestModelState = blobs[3] };
    }
}

/// <summary>The JSON part of a checkpoint.</summary>
internal sealed record CheckpointHeader(
    string ConfigHash,
    int EpochsCompleted,
    List<AutoencoderEpochMetrics> History,
    double BestValidationMse,
    int BestEpoch,
    int EpochsWithoutImprovement,
    bool StoppedEarly,
    SchedulerState Scheduler);
