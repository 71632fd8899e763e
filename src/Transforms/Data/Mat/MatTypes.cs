namespace QGan.MLNet.Transforms.Data.Mat;

/// <summary>MAT-file v5 data element types (the <c>mi*</c> constants of the MAT-file format).</summary>
internal enum MatDataType
{
    Int8 = 1,
    UInt8 = 2,
    Int16 = 3,
    UInt16 = 4,
    Int32 = 5,
    UInt32 = 6,
    Single = 7,
    Double = 9,
    Int64 = 12,
    UInt64 = 13,
    Matrix = 14,
    Compressed = 15,
    Utf8 = 16,
    Utf16 = 17,
    Utf32 = 18,
}

/// <summary>MATLAB array classes (the <c>mx*_CLASS</c> constants).</summary>
internal enum MatArrayClass
{
    Cell = 1,
    Struct = 2,
    Object = 3,
    Char = 4,
    Sparse = 5,
    Double = 6,
    Single = 7,
    Int8 = 8,
    UInt8 = 9,
    Int16 = 10,
    UInt16 = 11,
    Int32 = 12,
    UInt32 = 13,
    Int64 = 14,
    UInt64 = 15,
}

internal static class MatTypeInfo
{
    /// <summary>Bytes per element of a numeric or character storage type; 0 for container types.</summary>
    public static int ElementSize(MatDataType type) => type switch
    {
        MatDataType.Int8 or MatDataType.UInt8 or MatDataType.Utf8 => 1,
        MatDataType.Int16 or MatDataType.UInt16 or MatDataType.Utf16 => 2,
        MatDataType.Int32 or MatDataType.UInt32 or MatDataType.Single or MatDataType.Utf32 => 4,
        MatDataType.Double or MatDataType.Int64 or MatDataType.UInt64 => 8,
        _ => 0,
    };

    public static bool IsNumeric(MatDataType type) => type is MatDataType.Int8 or MatDataType.UInt8
        or MatDataType.Int16 or MatDataType.UInt16 or MatDataType.Int32 or MatDataType.UInt32
        or MatDataType.Single or MatDataType.Double or MatDataType.Int64 or MatDataType.UInt64;

    public static bool IsNumeric(MatArrayClass cls) => cls >= MatArrayClass.Double && cls <= MatArrayClass.UInt64;

    public static string Name(MatArrayClass cls) => cls switch
    {
        MatArrayClass.Double => "double",
        MatArrayClass.Single => "single",
        MatArrayClass.Int8 => "int8",
        MatArrayClass.UInt8 => "uint8",
        MatArrayClass.Int16 => "int16",
        MatArrayClass.UInt16 => "uint16",
        MatArrayClass.Int32 => "int32",
        MatArrayClass.UInt32 => "uint32",
        MatArrayClass.Int64 => "int64",
        MatArrayClass.UInt64 => "uint64",
        MatArrayClass.Char => "char",
        MatArrayClass.Cell => "cell",
        MatArrayClass.Struct => "struct",
        MatArrayClass.Object => "object",
        MatArrayClass.Sparse => "sparse",
        _ => $"class {(int)cls}",
    };
}
