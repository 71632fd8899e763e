namespace QGan.MLNet.Transforms.Data.Mat;

/// <summary>
/// A <c>miMATRIX</c> element being read: its header and a reader positioned on its content. Its subelements are read
/// in order with <see cref="ReadDataTag"/>, or nested matrices (cell contents) with <see cref="ReadNestedMatrix"/>.
/// Whatever a visitor leaves unread is skipped by the enumerator.
/// </summary>
internal sealed class MatVariable
{
    private MatVariable(MatArrayHeader header, MatEndianReader reader, long end)
    {
        Header = header;
        Reader = reader;
        End = end;
    }

    public MatArrayHeader Header { get; }

    public MatEndianReader Reader { get; }

    /// <summary>Reader position where the element ends.</summary>
    public long End { get; }

    public string Name => Header.Name;

    /// <summary>Opens the element whose miMATRIX tag (of <paramref name="byteCount"/> bytes) was just read; null when empty.</summary>
    public static MatVariable? Open(MatEndianReader reader, uint byteCount)
    {
        var end = reader.Position + byteCount;
        if (byteCount == 0)
        {
            return null;
        }
        var header = MatArrayHeader.Read(reader);
        if (reader.Position > end)
        {
            throw new InvalidDataException($"array header runs past the end of its element ({byteCount} bytes)");
        }
        return new MatVariable(header, reader, end);
    }

    /// <summary>Reads the tag of the next data subelement and checks that its payload fits in this element.</summary>
    public MatTag ReadDataTag()
    {
        if (Reader.Position + 8 > End)
        {
            throw new InvalidDataException($"{Header.Describe()} array has no data subelement");
        }
        var tag = Reader.ReadTag();
        var payloadEnd = Reader.Position + (tag.IsSmall ? 4 : tag.ByteCount);
        if (payloadEnd > End)
        {
            throw new InvalidDataException(
                $"data subelement of {tag.ByteCount} bytes runs past the end of its array element by {payloadEnd - End} bytes");
        }
        return tag;
    }

    /// <summary>Reads the next nested miMATRIX element (a cell's content); null for an empty one.</summary>
    public MatVariable? ReadNestedMatrix()
    {
        var tag = ReadDataTag();
        if (tag.Type != MatDataType.Matrix || tag.IsSmall)
        {
            throw new InvalidDataException($"cell content is {tag.Type}, expected miMATRIX");
        }
        return Open(Reader, tag.ByteCount);
    }

    /// <summary>Skips whatever of this element was not read.</summary>
    public void SkipRest()
    {
        if (Reader.Position > End)
        {
            throw new InvalidDataException($"read {Reader.Position - End} bytes past the end of the array element");
        }
        Reader.Skip(End - Reader.Position);
    }
}
