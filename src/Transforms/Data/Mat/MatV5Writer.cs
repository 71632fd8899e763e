using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace QGan.MLNet.Transforms.Data.Mat;

/// <summary>
/// A small MAT v5 writer (numeric arrays, char arrays, cells of strings) for tests, benchmarks and exports. It
/// writes either byte order, plain or zlib-compressed elements, the small-data-element form for payloads of at
/// most 4 bytes and 8-byte padding, as MATLAB does, so every branch of the reader can be exercised.
/// </summary>
internal sealed class MatV5Writer
{
    private readonly Stream _stream;

    /// <summary>Writes the 128-byte header; variables follow with the Write* methods.</summary>
    public MatV5Writer(Stream stream, bool bigEndian = false, string description = "MATLAB 5.0 MAT-file, written by QGan.MLNet")
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        BigEndian = bigEndian;
        var header = new byte[MatFileHeader.Size];
        header.AsSpan(0, 116).Fill((byte)' ');
        var text = Encoding.ASCII.GetBytes(description);
        text.AsSpan(0, Math.Min(text.Length, 116)).CopyTo(header);
        // Bytes 116..123: subsystem data offset (none). 124..125: version 0x0100. 126..127: 'MI' in file byte order.
        WriteUInt16(header.AsSpan(124), 0x0100);
        WriteUInt16(header.AsSpan(126), ('M' << 8) | 'I');
        _stream.Write(header);
    }

    public bool BigEndian { get; }

    /// <summary>Writes a numeric array whose values are given as doubles, stored with <paramref name="storage"/>.</summary>
    public void WriteNumeric(string name, MatArrayClass arrayClass, int[] dims, ReadOnlySpan<double> values, MatDataType storage, bool compress)
    {
        var body = new MemoryStream();
        WriteArrayHeader(body, arrayClass, dims, name);
        var size = MatTypeInfo.ElementSize(storage);
        var payload = new byte[values.Length * size];
        for (var i = 0; i < values.Length; i++)
        {
            EncodeValue(payload.AsSpan(i * size, size), storage, values[i]);
        }
        WriteSubelement(body, storage, payload);
        WriteMatrix(body, compress);
    }

    /// <summary>Writes a uint8 array stored as miUINT8 (the SAT-4 pixel arrays); <paramref name="data"/> is column-major.</summary>
    public void WriteUInt8(string name, int[] dims, ReadOnlySpan<byte> data, bool compress)
    {
        var copy = data.ToArray();
        WriteUInt8(name, dims, copy.LongLength, s => s.Write(copy), compress);
    }

    /// <summary>
    /// Writes a uint8 array of <paramref name="byteCount"/> bytes whose column-major content <paramref name="writeData"/>
    /// streams into the file (or the compressor): nothing is buffered, so arrays of any size cost no extra memory.
    /// Compressed elements need a seekable output to patch their length afterwards.
    /// </summary>
    public void WriteUInt8(string name, int[] dims, long byteCount, Action<Stream> writeData, bool compress)
    {
        ArgumentNullException.ThrowIfNull(writeData);
        if (byteCount <= 4)
        {
            // Tiny arrays use the small-element form; the buffered path handles it.
            var small = new MemoryStream();
            writeData(small);
            var body = new MemoryStream();
            WriteArrayHeader(body, MatArrayClass.UInt8, dims, name);
            WriteSubelement(body, MatDataType.UInt8, small.ToArray());
            WriteMatrix(body, compress);
            return;
        }
        var header = new MemoryStream();
        WriteArrayHeader(header, MatArrayClass.UInt8, dims, name);
        var padding = (int)((8 - byteCount % 8) % 8);
        var bodyLength = checked((uint)(header.Length + 8 + byteCount + padding));

        void WriteElement(Stream s)
        {
            WriteTag(s, MatDataType.Matrix, bodyLength);
            header.Position = 0;
            header.CopyTo(s);
            WriteTag(s, MatDataType.UInt8, checked((uint)byteCount));
            var counting = new CountingStream(s);
            writeData(counting);
            if (counting.Count != byteCount)
            {
                throw new InvalidOperationException($"{name}: wrote {counting.Count} data bytes, declared {byteCount}.");
            }
            s.Write(new byte[padding]);
        }

        if (!compress)
        {
            WriteElement(_stream);
            return;
        }
        if (!_stream.CanSeek)
        {
            throw new NotSupportedException("writing a streamed compressed array needs a seekable output stream.");
        }
        var tagPosition = _stream.Position;
        WriteTag(_stream, MatDataType.Compressed, 0);
        var start = _stream.Position;
        using (var z = new ZLibStream(_stream, CompressionLevel.Fastest, leaveOpen: true))
        {
            WriteElement(z);
        }
        var end = _stream.Position;
        _stream.Position = tagPosition;
        WriteTag(_stream, MatDataType.Compressed, checked((uint)(end - start)));
        _stream.Position = end;
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Count { get; private set; }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Count;

        public override long Position
        {
            get => Count;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            Count += buffer.Length;
        }

        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>Writes a rows x columns cell array of strings (each cell a 1xL char array stored as miUTF8).</summary>
    public void WriteStringCell(string name, string[,] cells, bool compress)
    {
        var rows = cells.GetLength(0);
        var columns = cells.GetLength(1);
        var body = new MemoryStream();
        WriteArrayHeader(body, MatArrayClass.Cell, [rows, columns], name);
        for (var c = 0; c < columns; c++)
        {
            for (var r = 0; r < rows; r++)
            {
                var cell = new MemoryStream();
                var utf8 = Encoding.UTF8.GetBytes(cells[r, c]);
                WriteArrayHeader(cell, MatArrayClass.Char, [1, cells[r, c].Length], "");
                WriteSubelement(cell, MatDataType.Utf8, utf8);
                WriteTag(body, MatDataType.Matrix, (uint)cell.Length);
                cell.Position = 0;
                cell.CopyTo(body);
            }
        }
        WriteMatrix(body, compress);
    }

    private void WriteMatrix(MemoryStream body, bool compress)
    {
        var element = new MemoryStream();
        WriteTag(element, MatDataType.Matrix, checked((uint)body.Length));
        body.Position = 0;
        body.CopyTo(element);
        if (!compress)
        {
            element.Position = 0;
            element.CopyTo(_stream);
            return;
        }
        var packed = new MemoryStream();
        using (var z = new ZLibStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            element.Position = 0;
            element.CopyTo(z);
        }
        WriteTag(_stream, MatDataType.Compressed, checked((uint)packed.Length));
        packed.Position = 0;
        packed.CopyTo(_stream);
    }

    private void WriteArrayHeader(Stream s, MatArrayClass cls, int[] dims, string name)
    {
        Span<byte> flags = stackalloc byte[8];
        flags.Clear();
        WriteUInt32(flags, (uint)cls);
        WriteSubelement(s, MatDataType.UInt32, flags);
        var dimBytes = new byte[dims.Length * 4];
        for (var i = 0; i < dims.Length; i++)
        {
            WriteUInt32(dimBytes.AsSpan(4 * i), (uint)dims[i]);
        }
        WriteSubelement(s, MatDataType.Int32, dimBytes);
        WriteSubelement(s, MatDataType.Int8, Encoding.ASCII.GetBytes(name));
    }

    private void WriteSubelement(Stream s, MatDataType type, ReadOnlySpan<byte> payload)
    {
        if (payload.Length is > 0 and <= 4)
        {
            // Small data element: type and byte count share the first 4 bytes, the data the next 4.
            Span<byte> small = stackalloc byte[8];
            small.Clear();
            WriteUInt32(small, ((uint)payload.Length << 16) | (uint)type);
            payload.CopyTo(small[4..]);
            s.Write(small);
            return;
        }
        WriteTag(s, type, (uint)payload.Length);
        s.Write(payload);
        Span<byte> zeros = stackalloc byte[8];
        zeros.Clear();
        s.Write(zeros[..((8 - payload.Length % 8) % 8)]);
    }

    private void WriteTag(Stream s, MatDataType type, uint byteCount)
    {
        Span<byte> tag = stackalloc byte[8];
        WriteUInt32(tag, (uint)type);
        WriteUInt32(tag[4..], byteCount);
        s.Write(tag);
    }

    private void EncodeValue(Span<byte> b, MatDataType storage, double v)
    {
        switch (storage)
        {
            case MatDataType.UInt8: b[0] = checked((byte)v); break;
            case MatDataType.Int8: b[0] = unchecked((byte)checked((sbyte)v)); break;
            case MatDataType.Int16: Write(b, checked((short)v)); break;
            case MatDataType.UInt16: Write(b, checked((ushort)v)); break;
            case MatDataType.Int32: WriteUInt32(b, unchecked((uint)checked((int)v))); break;
            case MatDataType.UInt32: WriteUInt32(b, checked((uint)v)); break;
            case MatDataType.Single:
                if (BigEndian) BinaryPrimitives.WriteSingleBigEndian(b, (float)v); else BinaryPrimitives.WriteSingleLittleEndian(b, (float)v);
                break;
            case MatDataType.Double:
                if (BigEndian) BinaryPrimitives.WriteDoubleBigEndian(b, v); else BinaryPrimitives.WriteDoubleLittleEndian(b, v);
                break;
            case MatDataType.Int64:
                if (BigEndian) BinaryPrimitives.WriteInt64BigEndian(b, checked((long)v)); else BinaryPrimitives.WriteInt64LittleEndian(b, checked((long)v));
                break;
            case MatDataType.UInt64:
                if (BigEndian) BinaryPrimitives.WriteUInt64BigEndian(b, checked((ulong)v)); else BinaryPrimitives.WriteUInt64LittleEndian(b, checked((ulong)v));
                break;
            default: throw new ArgumentException($"{storage} is not a numeric storage type.", nameof(storage));
        }
    }

    private void Write(Span<byte> b, short v)
    {
        if (BigEndian) BinaryPrimitives.WriteInt16BigEndian(b, v); else BinaryPrimitives.WriteInt16LittleEndian(b, v);
    }

    private void Write(Span<byte> b, ushort v) => WriteUInt16(b, v);

    private void WriteUInt16(Span<byte> b, int v)
    {
        if (BigEndian) BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)v); else BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)v);
    }

    private void WriteUInt32(Span<byte> b, uint v)
    {
        if (BigEndian) BinaryPrimitives.WriteUInt32BigEndian(b, v); else BinaryPrimitives.WriteUInt32LittleEndian(b, v);
    }
}
