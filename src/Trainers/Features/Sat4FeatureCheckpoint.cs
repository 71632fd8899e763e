using System.Text.Json;
using QGan.MLNet.Trainers.Checkpoints;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Trainers.Features;

/// <summary>
/// What a feature-network run needs to continue bit for bit after a completed epoch: the weights (with the BatchNorm
/// running statistics), the AdamW state, the epoch history and a hash of the configuration and data. (The shuffle of
/// epoch e is a pure function of the seed and e, so no RNG state is needed.) Layout: magic, version, a
/// length-prefixed JSON header and two length-prefixed blobs, ending with a SHA-256 (<see cref="BlobCheckpointFile"/>,
/// <see cref="ChecksummedFile"/>); written atomically after every epoch.
/// </summary>
internal sealed class Sat4FeatureCheckpoint
{
    private static readonly byte[] Magic = "QGANFTCK"u8.ToArray();
    private const int FormatVersion = 1;

    public required Sat4FeatureCheckpointHeader Header { get; init; }

    public required byte[] ModelState { get; init; }

    public required byte[] OptimizerState { get; init; }

    public void Save(string path) =>
        BlobCheckpointFile.Write(path, Magic, FormatVersion, JsonSerializer.SerializeToUtf8Bytes(Header), ModelState, OptimizerState);

    public static Sat4FeatureCheckpoint Load(string path)
    {
        var blobs = BlobCheckpointFile.Read(path, Magic, FormatVersion, 3, "a feature-network checkpoint");
        var header = JsonSerializer.Deserialize<Sat4FeatureCheckpointHeader>(blobs[0])
            ?? throw new InvalidDataException($"Checkpoint '{path}' has an empty header.");
        return new Sat4FeatureCheckpoint { Header = header, ModelState = blobs[1], OptimizerState = blobs[2] };
    }
}

/// <summary>The JSON part of a feature-network checkpoint.</summary>
internal sealed record Sat4FeatureCheckpointHeader(string ConfigHash, int EpochsCompleted, List<Sat4FeatureEpochMetrics> History);
