using System.Text;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Trainers.Checkpoints;

/// <summary>
/// The file layout of the epoch-based trainers' checkpoints (autoencoder, SAT-4 feature network): an 8-byte magic, a
/// format version, length-prefixed blobs (the first one a JSON header), and a SHA-256 of all of it
/// (<see cref="ChecksummedFile"/>), written atomically. A file of another kind, another version, a truncated or an
/// altered one is refused naming the path.
/// </summary>
internal static class BlobCheckpointFile
{
    public static void Write(string path, ReadOnlySpan<byte> magic, int version, params byte[][] blobs)
    {
        var magicBytes = magic.ToArray();
        ChecksummedFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(magicBytes);
            writer.Write(version);
            foreach (var blob in blobs)
            {
                writer.Write((long)blob.Length);
                writer.Write(blob);
            }
        });
    }

    /// <summary>Reads the <paramref name="count"/> blobs of a checkpoint of kind <paramref name="kind"/> ("an autoencoder checkpoint").</summary>
    public static byte[][] Read(string path, ReadOnlySpan<byte> magic, int version, int count, string kind)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < magic.Length + 4 + ChecksummedFile.ChecksumLength || !bytes.AsSpan(0, magic.Length).SequenceEqual(magic))
        {
            throw new InvalidDataException($"Checkpoint '{path}' is not {kind}.");
        }
        var body = ChecksummedFile.Body(bytes, path, "Checkpoint");
        using var reader = new BinaryReader(new MemoryStream(bytes, 0, body.Length, writable: false));
        reader.ReadBytes(magic.Length);
        var found = reader.ReadInt32();
        if (found != version)
        {
            throw new InvalidDataException($"Checkpoint '{path}' has format version {found}; this build reads version {version}.");
        }
        var blobs = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            var length = reader.ReadInt64();
            if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
            {
                throw new InvalidDataException($"Checkpoint '{path}' is truncated.");
            }
            blobs[i] = reader.ReadBytes((int)length);
        }
        return blobs;
    }
}
