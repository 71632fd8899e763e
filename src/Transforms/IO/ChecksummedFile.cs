using System.Security.Cryptography;

namespace QGan.MLNet.Transforms.IO;

/// <summary>
/// Files that end with the SHA-256 of everything before them (checkpoints). Written atomically; read back only when
/// the checksum matches, so a truncated file or a flipped byte is refused instead of silently changing a run.
/// </summary>
public static class ChecksummedFile
{
    /// <summary>Bytes of the trailing checksum.</summary>
    public const int ChecksumLength = 32;

    /// <summary>Writes the body produced by <paramref name="writeBody"/> followed by its SHA-256, atomically.</summary>
    public static void Write(string path, Action<Stream> writeBody)
    {
        ArgumentNullException.ThrowIfNull(writeBody);
        using var buffer = new MemoryStream();
        writeBody(buffer);
        var body = buffer.GetBuffer().AsSpan(0, (int)buffer.Length).ToArray();
        AtomicFile.Write(path, stream =>
        {
            stream.Write(body);
            stream.Write(SHA256.HashData(body));
        });
    }

    /// <summary>True when <paramref name="bytes"/> ends with the SHA-256 of the bytes before it.</summary>
    public static bool HasValidChecksum(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= ChecksumLength
        && SHA256.HashData(bytes[..^ChecksumLength]).AsSpan().SequenceEqual(bytes[^ChecksumLength..]);

    /// <summary>
    /// The body of a file read whole (everything but the checksum); throws <see cref="InvalidDataException"/> naming
    /// the file (as "<paramref name="description"/> 'path'") when the checksum does not match.
    /// </summary>
    public static ReadOnlyMemory<byte> Body(byte[] bytes, string path, string description)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (!HasValidChecksum(bytes))
        {
            throw new InvalidDataException($"{description} '{path}' is corrupted (checksum mismatch); it cannot be used.");
        }
        return bytes.AsMemory(0, bytes.Length - ChecksumLength);
    }
}
