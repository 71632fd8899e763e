using QGan.MLNet.Transforms.Sampling;
using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Transforms.Evaluation;

namespace QGan.MLNet.Trainers.Gan.Data;

/// <summary>Where training latents come from: images encoded by the autoencoder, or a CSV of latent rows.</summary>
public static class LatentSources
{
    /// <summary>Encodes the <c>Image</c> column of <paramref name="images"/> with the autoencoder's <c>encoder.onnx</c>.</summary>
    public static LatentDataSet Encode(AutoencoderTransformer autoencoder, IDataView images, string source)
    {
        ArgumentNullException.ThrowIfNull(autoencoder);
        ArgumentNullException.ThrowIfNull(images);
        var encoded = autoencoder.Transform(images);
        int width = checked((int)autoencoder.Encoder.LatentSize);
        var values = new List<float>();
        foreach (var row in encoded.GetColumn<float[]>(autoencoder.LatentColumnName))
        {
            values.AddRange(row);
        }
        if (values.Count == 0)
        {
            throw new InvalidDataException($"{source}: no images to encode");
        }
        return new LatentDataSet([.. values], width, $"{source} (encoded)");
    }

    /// <summary>Header-less CSV, one latent vector per row (errors name the file, row and field).</summary>
    public static LatentDataSet ReadCsv(string path)
    {
        var values = new List<float>();
        int width = -1;
        foreach (var row in NumericCsv.ReadRows(path))
        {
            width = row.Length;
            foreach (var v in row)
            {
                values.Add((float)v);
            }
        }
        if (width < 1)
        {
            throw new InvalidDataException($"{path}: no latent rows");
        }
        return new LatentDataSet([.. values], width, path);
    }

    /// <summary>
    /// Splits off <paramref name="heldOutRows"/> rows (a seeded random subset) for the quality metrics; the rest
    /// trains. Deterministic for a seed, so a resumed run sees the same training rows.
    /// </summary>
    public static (LatentDataSet Train, LatentDataSet HeldOut) SplitHeldOut(LatentDataSet data, int heldOutRows, long seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (heldOutRows < 2 || heldOutRows > data.Rows - 2)
        {
            throw new ArgumentException(
                $"{data.Source}: {data.Rows} rows cannot give {heldOutRows} held-out rows (need at least 2 held-out and 2 training rows)");
        }
        var order = Enumerable.Range(0, data.Rows).ToArray();
        var rng = new SamplingRng(unchecked((ulong)seed) ^ 0x4E1D_0A7EUL);
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        LatentDataSet Take(IEnumerable<int> rows, string name)
        {
            var sorted = rows.Order().ToArray();
            var values = new float[sorted.Length * data.Width];
            for (int k = 0; k < sorted.Length; k++)
            {
                data.Row(sorted[k]).CopyTo(values.AsSpan(k * data.Width, data.Width));
            }
            return new LatentDataSet(values, data.Width, $"{data.Source} ({name})");
        }
        return (Take(order.Skip(heldOutRows), "training rows"), Take(order.Take(heldOutRows), "held-out rows"));
    }
}
