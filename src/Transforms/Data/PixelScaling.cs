using System.Numerics.Tensors;

namespace QGan.MLNet.Transforms.Data;

/// <summary>The one uint8 -> [0, 1] float mapping of the project (value / 255f).</summary>
public static class PixelScaling
{
    /// <summary>1/255: the factor from 8-bit values to [0, 1].</summary>
    public const float Scale = 1f / 255f;

    /// <summary>Converts uint8 values to floats value / 255f (exactly <c>v / 255f</c>, not <c>v * (1/255f)</c>).</summary>
    public static void ToUnitFloats(ReadOnlySpan<byte> source, Span<float> destination)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("destination is shorter than source.", nameof(destination));
        }
        var dst = destination[..source.Length];
        for (var i = 0; i < source.Length; i++)
        {
            dst[i] = source[i];
        }
        TensorPrimitives.Divide(dst, 255f, dst);
    }
}
