using System.Buffers.Binary;

namespace QGan.MLNet.Transforms.Data.Mat;

/// <summary>A data element tag: storage type and byte count; small elements keep their (at most 4) bytes inline.</summary>
internal readonly record struct MatTag(MatDataType Type, uint ByteCount, bool IsSmall);

/// <summary>
/// Reads MAT v5 data from a stream in the file's byte order, counting the bytes it consumed so element
/// boundaries can be checked on streams that cannot seek (the inflated content of compressed elements).
/// Running out of input raises <see cref="EndOfStreamException"/>; the caller adds file and variable context.
/// </summary>
internal sealed class MatEndianReader
{
    private readonly Stream _stream;
    private readonly byte[] _scratch = new byte[8];

    public MatEndianReader(Stream stream, bool bigEndian)
    {
        _stream = stream;
        BigEndian = bigEndian;
    }

    public bool BigEndian { get; }

    /// <summary>Bytes consumed since this reader was created.</summary>
    public long Position { get; private set; }

    public void ReadExactly(Span<byte> buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = _stream.Read(buffer[read..]);
            if (n == 0)
            {
                throw new EndOfStreamException($"input ends after {Position + read} bytes, {buffer.Length - read} more expected");
            }
            read += n;
        }
        Position += buffer.Length;
    }

    /// <summary>Reads up to <paramref name="buffer"/>.Length bytes; returns 0 only at the end of the input.</summary>
    public int ReadSome(Span<byte> buffer)
    {
        var n = _stream.Read(buffer);
        Position += n;
        return n;
    }

    public uint ReadUInt32()
    {
        ReadExactly(_scratch.AsSpan(0, 4));
        return BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(_scratch) : BinaryPrimitives.ReadUInt32LittleEndian(_scratch);
    }

    public int ReadInt32() => unchecked((int)ReadUInt32());

    public void Skip(long count)
    {
        if (count < 0)
        {
            throw new InvalidDataException($"negative skip of {count} bytes");
        }
        if (count == 0)
        {
            return;
        }
        if (_stream.CanSeek)
        {
            var target = _stream.Position + count;
            if (target > _stream.Length)
            {
                throw new EndOfStreamException($"input ends before byte {Position + count} (needs {target - _stream.Length} more bytes)");
            }
            _stream.Seek(count, SeekOrigin.Current);
            Position += count;
            return;
        }
        Span<byte> buffer = stackalloc byte[4096];
        while (count > 0)
        {
            var chunk = (int)Math.Min(count, buffer.Length);
            ReadExactly(buffer[..chunk]);
            count -= chunk;
        }
    }

    /// <summary>Reads a data element tag (regular 8-byte or small-element form).</summary>
    public MatTag ReadTag()
    {
        var first = ReadUInt32();
        if ((first >> 16) != 0)
        {
            // Small data element: type in the low 16 bits, byte count (1..4) in the high 16 bits, data in the next 4 bytes.
            var count = first >> 16;
            if (count > 4)
            {
                throw new InvalidDataException($"small data element claims {count} bytes (at most 4 allowed)");
            }
            return new MatTag((MatDataType)(first & 0xFFFF), count, IsSmall: true);
        }
        return new MatTag((MatDataType)first, ReadUInt32(), IsSmall: false);
    }

    /// <summary>Reads the whole payload of a (small) subelement, consuming its padding.</summary>
    public byte[] ReadPayload(MatTag tag, int maxBytes)
    {
        if (tag.ByteCount > maxBytes)
        {
            throw new InvalidDataException($"{tag.Type} subelement of {tag.ByteCount} bytes exceeds the limit of {maxBytes}");
        }
        var data = new byte[tag.ByteCount];
        ReadExactly(data);
        SkipPadding(tag);
        return data;
    }

    /// <summary>Skips the padding after a subelement's payload: to 4 bytes for small elements, to 8 for regular ones.</summary>
    public void SkipPadding(MatTag tag) => Skip(PaddingOf(tag));

    public static long PaddingOf(MatTag tag) => tag.IsSmall ? 4 - tag.ByteCount : (8 - tag.ByteCount % 8) % 8;

    public uint ToUInt32(ReadOnlySpan<byte> bytes) =>
        BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);

    public int ToInt32(ReadOnlySpan<byte> bytes) => unchecked((int)ToUInt32(bytes));
}
