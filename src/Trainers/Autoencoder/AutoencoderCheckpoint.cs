using System.Text;
using System.Text.Json;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Trainers.Autoencoder;

/// <summary>
/// Everything needed to continue a run bit for bit: weights, AdamW state, the best weights so far, the scheduler and
/// early-stopping counters, the metrics history and a hash of the configuration and data. No random state: training
/// draws no randomness after initialisation, and the order of epoch e is a pure function of the seed and e.
/// (Format 1 also stored torch's process-wide RNG state, which resuming restored; format 2 leaves that state alone.)
/// File layout: magic, a length-prefixed JSON header, three length-prefixed blobs, and a SHA-256 of all of it
/// (<see cref="ChecksummedFile"/>), so a truncated or corrupted file is detected. Files are written atomically (temp
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

    public void Save(string path) => ChecksummedFile.Write(path, stream =>
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        WriteBlob(writer, JsonSerializer.SerializeToUtf8Bytes(Header, JsonOptions));
        WriteBlob(writer, ModelState);
        WriteBlob(writer, OptimizerState);
        WriteBlob(writer, BestModelState);
    });

    public static AutoencoderCheckpoint Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length + 4 + ChecksummedFile.ChecksumLength || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"Checkpoint '{path}' is not an autoencoder checkpoint.");
        }
        var body = ChecksummedFile.Body(bytes, path, "Checkpoint");
        using var reader = new BinaryReader(new MemoryStream(bytes, 0, body.Length, writable: false));
        reader.ReadBytes(Magic.Length);
        var version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Checkpoint '{path}' has format version {version}; this build reads version {FormatVersion}.");
        }
        var header = JsonSerializer.Deserialize<CheckpointHeader>(ReadBlob(reader, path), JsonOptions)
            ?? throw new InvalidDataException($"Checkpoint '{path}' has an empty header.");
        return new AutoencoderCheckpoint
        {
            Header = header,
            ModelState = ReadBlob(reader, path),
            OptimizerState = ReadBlob(reader, path),
            BestModelState = ReadBlob(reader, path),
        };
    }

    private static void WriteBlob(BinaryWriter writer, byte[] blob)
    {
        writer.Write((long)blob.Length);
        writer.Write(blob);
    }

    private static byte[] ReadBlob(BinaryReader reader, string path)
    {
        var length = reader.ReadInt64();
        if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new InvalidDataException($"Checkpoint '{path}' is truncated.");
        }
        return reader.ReadBytes((int)length);
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
