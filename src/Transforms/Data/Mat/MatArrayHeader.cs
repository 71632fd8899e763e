using System.Text;

namespace QGan.MLNet.Transforms.Data.Mat;

/// <summary>The array flags, dimensions and name that open every <c>miMATRIX</c> element.</summary>
internal sealed record MatArrayHeader(MatArrayClass Class, bool IsComplex, bool IsLogical, int[] Dims, string Name)
{
    private const uint ComplexFlag = 0x0800;
    private const uint LogicalFlag = 0x0200;

    public long ElementCount => Dims.Aggregate(1L, (product, d) => product * d);

    public string DimsText => string.Join("x", Dims);

    public string Describe() => $"{DimsText} {MatTypeInfo.Name(Class)}{(IsComplex ? " complex" : "")}";

    /// <summary>Reads flags, dimensions and name from <paramref name="reader"/> (just after the miMATRIX tag).</summary>
    public static MatArrayHeader Read(MatEndianReader reader)
    {
        var flagsTag = reader.ReadTag();
        if (flagsTag.Type != MatDataType.UInt32 || flagsTag.ByteCount != 8)
        {
            throw new InvalidDataException($"array flags subelement is {flagsTag.Type} of {flagsTag.ByteCount} bytes, expected miUINT32 of 8");
        }
        var flags = reader.ReadPayload(flagsTag, 8);
        var flagWord = reader.ToUInt32(flags);
        var cls = (MatArrayClass)(flagWord & 0xFF);

        var dimsTag = reader.ReadTag();
        if (dimsTag.Type != MatDataType.Int32 || dimsTag.ByteCount % 4 != 0 || dimsTag.ByteCount < 8)
        {
            throw new InvalidDataException($"dimensions subelement is {dimsTag.Type} of {dimsTag.ByteCount} bytes, expected miINT32 with at least 2 dimensions");
        }
        var dimBytes = reader.ReadPayload(dimsTag, 4 * 64);
        var dims = new int[dimBytes.Length / 4];
        for (var i = 0; i < dims.Length; i++)
        {
            dims[i] = reader.ToInt32(dimBytes.AsSpan(4 * i, 4));
            if (dims[i] < 0)
            {
                throw new InvalidDataException($"dimension {i + 1} is negative ({dims[i]})");
            }
        }

        var nameTag = reader.ReadTag();
        if (nameTag.Type is not (MatDataType.Int8 or MatDataType.UInt8 or MatDataType.Utf8))
        {
            throw new InvalidDataException($"array name subelement is {nameTag.Type}, expected miINT8");
        }
        var name = Encoding.UTF8.GetString(reader.ReadPayload(nameTag, 4096));
        return new MatArrayHeader(cls, (flagWord & ComplexFlag) != 0, (flagWord & LogicalFlag) != 0, dims, name);
    }
}
