using System.Security.Cryptography;

namespace QGan.MLNet.Trainers.Gan.Training;

/// <summary>Latent vectors held in memory, row-major [Rows, Width], validated finite.</summary>
public sealed class LatentDataSet
{
    /// <summary>Latent rows laid end to end in <paramref name="values"/> (<paramref name="width"/> per row, finite); <paramref name="source"/> names them in errors.</summary>
    public LatentDataSet(float[] values, int width, string source = "latent data")
    {
        ArgumentNullException.ThrowIfNull(values);
        if (width < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "latent width must be >= 1");
        }
        if (values.Length == 0 || values.Length % width != 0)
        {
            throw new InvalidDataException($"{source}: {values.Length} values do not form rows of width {width} (need at least one row)");
        }
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                throw new InvalidDataException($"{source}: row {i / width}, component {i % width} is {values[i]} (latents must be finite)");
            }
        }
        Values = values;
        Width = width;
        Rows = values.Length / width;
        Source = source;
    }

    /// <summary>All values, row-major [Rows, Width].</summary>
    public float[] Values { get; }

    /// <summary>Values per row.</summary>
    public int Width { get; }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Where the latents came from.</summary>
    public string Source { get; }

    /// <summary>The values of row <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Row(int index) => Values.AsSpan(index * Width, Width);

    /// <summary>SHA-256 of the shape and values: a resumed run must see the same data.</summary>
    public string Fingerprint()
    {
        var bytes = new byte[8 + Values.Length * sizeof(float)];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 4), Rows);
        BitConverter.TryWriteBytes(bytes.AsSpan(4, 4), Width);
        Buffer.BlockCopy(Values, 0, bytes, 8, Values.Length * sizeof(float));
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
