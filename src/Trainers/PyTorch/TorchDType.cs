namespace QGan.MLNet.Trainers.PyTorch;

/// <summary>Element type of a tensor in a <c>torch.save</c> file (named after its storage class, e.g. <c>FloatStorage</c>).</summary>
public enum TorchDType
{
/// <summary>float64 (<c>DoubleStorage</c>).</summary>
    Float64,
/// <summary>float32 (<c>FloatStorage</c>).</summary>
    Float32,
/// <summary>float16 (<c>HalfStorage</c>).</summary>
    Float16,
/// <summary>bfloat16 (<c>BFloat16Storage</c>).</summary>
    BFloat16,
/// <summary>int64 (<c>LongStorage</c>).</summary>
    Int64,
/// <summary>int32 (<c>IntStorage</c>).</summary>
    Int32,
/// <summary>int16 (<c>ShortStorage</c>).</summary>
    Int16,
/// <summary>int8 (<c>CharStorage</c>).</summary>
    Int8,
/// <summary>uint8 (<c>ByteStorage</c>).</summary>
    UInt8,
/// <summary>bool (<c>BoolStorage</c>).</summary>
    Bool,
}

/// <summary>Storage class names and element sizes of <see cref="TorchDType"/>.</summary>
public static class TorchDTypes
{
    /// <summary>Bytes per element.</summary>
    public static int ElementSize(this TorchDType dtype) => dtype switch
    {
        TorchDType.Float64 or TorchDType.Int64 => 8,
        TorchDType.Float32 or TorchDType.Int32 => 4,
        TorchDType.Float16 or TorchDType.BFloat16 or TorchDType.Int16 => 2,
        _ => 1,
    };

    /// <summary>True for the floating-point types.</summary>
    public static bool IsFloatingPoint(this TorchDType dtype) =>
        dtype is TorchDType.Float64 or TorchDType.Float32 or TorchDType.Float16 or TorchDType.BFloat16;

    /// <summary>The dtype of a storage class of the <c>torch</c> module (<c>FloatStorage</c> -&gt; Float32), or null.</summary>
    public static TorchDType? FromStorageName(string name) => name switch
    {
        "DoubleStorage" => TorchDType.Float64,
        "FloatStorage" => TorchDType.Float32,
        "HalfStorage" => TorchDType.Float16,
        "BFloat16Storage" => TorchDType.BFloat16,
        "LongStorage" => TorchDType.Int64,
        "IntStorage" => TorchDType.Int32,
        "ShortStorage" => TorchDType.Int16,
        "CharStorage" => TorchDType.Int8,
        "ByteStorage" => TorchDType.UInt8,
        "BoolStorage" => TorchDType.Bool,
        _ => null,
    };

    /// <summary>PyTorch's name of the type (<c>torch.float32</c>).</summary>
    public static string TorchName(this TorchDType dtype) => "torch." + dtype.ToString().ToLowerInvariant();
}
