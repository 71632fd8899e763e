namespace QGan.MLNet.Quantum.Style;

/// <summary>Shape and value checks of the batched generator's inputs; every message names the argument and the index.</summary>
internal static class StyleInputValidation
{
    public static void Length(int actual, int expected, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} has {actual} values, expected {expected}", name);
        }
    }

    /// <summary>Number of samples in a flat [batch, latentDim] noise buffer.</summary>
    public static int BatchSize(int noiseLength, int latentDim, string name)
    {
        if (noiseLength == 0 || noiseLength % latentDim != 0)
        {
            throw new ArgumentException(
                $"{name} has {noiseLength} values: expected a non-empty [batch, {latentDim}] row-major buffer (a multiple of the latent dimension {latentDim})", name);
        }
        return noiseLength / latentDim;
    }

    public static void Finite(ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"{name}[{i}] is {values[i]} (must be finite)", name);
            }
        }
    }

    /// <summary>Finite check of a flat [rows, columns] buffer; the message gives the (row, column) index.</summary>
    public static void Finite(ReadOnlySpan<double> values, int columns, string name)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"{name}[{i / columns}, {i % columns}] is {values[i]} (must be finite)", name);
            }
        }
    }
}
