using System.Text;
using System.Text.Json;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Trainers.Features;

/// <summary>
/// What a feature-network run needs to continue bit for bit after a completed epoch: the weights (with the BatchNorm
/// running statistics), the AdamW state, the epoch history and a hash of the configuration and data. (The shuffle of
/// epoch e is a pure function of the seed and e, so no RNG state is needed.) Layout: magic, version, a
/// length-prefixed JSON header and two length-prefixed blobs, ending with a SHA-256 (<see cref="ChecksummedFile"/>);
/// written atomically after every epoch.
/// </summary>
internal sealed class Sat4FeatureCheckpoint
{
    private static readonly byte[] Magic = "QGANFTCK"u8.ToArray();
    private const int FormatVersion = 1;

    public required Sat4FeatureCheckpointHeader Header { get; init; }

    public required byte[] ModelState { get; init; }

    public required byte[] OptimizerState { get; init; }

    public void Save(string path) => ChecksummedFile.Write(path, stream =>
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        WriteBlob(writer, JsonSerializer.SerializeToUtf8Bytes(Header));
        WriteBlob(writer, ModelState);
        WriteBlob(writer, OptimizerState);
    });

    public static Sat4FeatureCheckpoint Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length + 4 + ChecksummedFile.ChecksumLength || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"Checkpoint '{path}' is not a feature-network checkpoint.");
        }
        var body = ChecksummedFile.Body(bytes, path, "Checkpoint");
        using var reader = new BinaryReader(new MemoryStream(bytes, 0, body.Length, writable: false));
        reader.ReadBytes(Magic.Length);
        var version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Checkpoint '{path}' has format version {version}; this build reads version {FormatVersion}.");
        }
        var header = JsonSerializer.Deserialize<Sat4FeatureCheckpointHeader>(ReadBlob(reader, path))
            ?? throw new InvalidDataException($"Checkpoint '{path}' has an empty header.");
        return new Sat4FeatureCheckpoint { Header = header, ModelState = ReadBlob(reader, path), OptimizerState = ReadBlob(reader, path) };
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

/// <summary>The JSON part of a feature-network checkpoint.</summary>
internal sealed record Sat4FeatureCheckpointHeader(string ConfigHash, int EpochsCompleted, List<Sat4FeatureEpochMetrics> History);
