namespace QGan.MLNet.Transforms.Onnx;

/// <summary>
/// A tensor flowing through the graph being exported: its ONNX value name and its shape. Dimension 0 is the
/// batch dimension and is <see cref="Dynamic"/> (exported as the symbolic dimension, "N" by default).
/// </summary>
public sealed record OnnxValue(string Name, long[] Shape)
{
    /// <summary>Marker for a dimension whose size is only known at run time (the batch).</summary>
    public const long Dynamic = -1;

    /// <summary>Number of dimensions.</summary>
    public int Rank => Shape.Length;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name}[{string.Join(",", Shape.Select(d => d == Dynamic ? "N" : d.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]";
}
