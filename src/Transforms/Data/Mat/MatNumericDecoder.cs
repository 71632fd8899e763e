using System.Buffers.Binary;

namespace QGan.MLNet.Transforms.Data.Mat;

/// <summary>Converts raw MAT numeric storage (any mi* numeric type, either byte order) to doubles.</summary>
internal static class MatNumericDecoder
{
    public static void ToDoubles(ReadOnlySpan<byte> source, MatDataType type, bool bigEndian, Span<double> destination)
    {
        var size = MatTypeInfo.ElementSize(type);
        var count = source.Length / size;
        for (var i = 0; i < count; i++)
        {
            var b = source.Slice(i * size, size);
            destination[i] = type switch
            {
                MatDataType.UInt8 => b[0],
                MatDataType.Int8 => (sbyte)b[0],
                MatDataType.Int16 => bigEndian ? BinaryPrimitives.ReadInt16BigEndian(b) : BinaryPrimitives.ReadInt16LittleEndian(b),
                MatDataType.UInt16 => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b),
                MatDataType.Int32 => bigEndian ? BinaryPrimitives.ReadInt32BigEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b),
                MatDataType.UInt32 => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b),
                MatDataType.Int64 => bigEndian ? BinaryPrimitives.ReadInt64BigEndian(b) : BinaryPrimitives.ReadInt64LittleEndian(b),
                MatDataType.UInt64 => bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b),
                MatDataType.Single => bigEndian ? BinaryPrimitives.ReadSingleBigEndian(b) : BinaryPrimitives.ReadSingleLittleEndian(b),
                MatDataType.Double => bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(b) : BinaryPrimitives.ReadDoubleLittleEndian(b),
                _ => throw new InvalidDataException($"{type} is not a numeric storage type"),
            };
        }
    }
}
