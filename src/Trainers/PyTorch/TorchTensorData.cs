using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.PyTorch;

/// <summary>
/// One tensor of a <c>torch.save</c> file: its element type, shape and values, laid out contiguously (row-major,
/// little-endian) whatever strides and storage sharing the file used.
/// </summary>
public sealed class TorchTensorData
{
    private readonly byte[] _bytes;
    private readonly long[] _shape;

    internal TorchTensorData(TorchDType dtype, long[] shape, byte[] bytes)
    {
        DType = dtype;
        _shape = shape;
        _bytes = bytes;
        ElementCount = shape.Aggregate(1L, (a, b) => a * b);
        if (bytes.LongLength != ElementCount * dtype.ElementSize())
        {
            throw new ArgumentException($"{ElementCount} elements of {dtype} need {ElementCount * dtype.ElementSize()} bytes, not {bytes.Length}.");
        }
    }

    /// <summary>Element type as stored in the file.</summary>
    public TorchDType DType { get; }

    /// <summary>Dimensions (empty for a scalar such as <c>num_batches_tracked</c>).</summary>
    public IReadOnlyList<long> Shape => _shape;

    /// <summary>Number of elements (the product of <see cref="Shape"/>).</summary>
    public long ElementCount { get; }

    /// <summary>Shape as PyTorch prints it: <c>[32, 3, 3, 3]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", _shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <summary>The values converted to float32 (exact for float32, float16, bfloat16 and small integers).</summary>
    public float[] ToSingleArray()
    {
        var values = new float[ElementCount];
        var bytes = _bytes.AsSpan();
        if (DType == TorchDType.Float32 && BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, float>(bytes).CopyTo(values);
            return values;
        }
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = DType switch
            {
                TorchDType.Float32 => BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]),
                TorchDType.Float64 => (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes[(8 * i)..]),
                TorchDType.Float16 => (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[(2 * i)..]),
                TorchDType.BFloat16 => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * i)..]) << 16),
                _ => ToInt64(bytes, i),
            };
        }
        return values;
    }

    /// <summary>The values of an integer or bool tensor as int64.</summary>
    public long[] ToInt64Array()
    {
        if (DType.IsFloatingPoint())
        {
            throw new InvalidOperationException($"A {DType.TorchName()} tensor has no exact int64 values.");
        }
        var values = new long[ElementCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ToInt64(_bytes, i);
        }
        return values;
    }

    /// <summary>A new CPU tensor holding these values: float32 for floating-point data, int64 for integers and bools.</summary>
    public Tensor ToTensor() => DType.IsFloatingPoint()
        ? tensor(ToSingleArray(), _shape)
        : tensor(ToInt64Array(), _shape);

    private long ToInt64(ReadOnlySpan<byte> bytes, int i) => DType switch
    {
        TorchDType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(bytes[(8 * i)..]),
        TorchDType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(bytes[(4 * i)..]),
        TorchDType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(bytes[(2 * i)..]),
        TorchDType.Int8 => (sbyte)bytes[i],
        TorchDType.UInt8 or TorchDType.Bool => bytes[i],
        _ => throw new InvalidOperationException($"{DType} is not an integer type."),
    };
}
