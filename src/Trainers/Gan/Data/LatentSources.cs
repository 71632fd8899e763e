using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Transforms.Csv;
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
        foreach (var row in NumericCsv.ReadFloatRows(path))
        {
            width = row.Length;
            values.AddRange(row);
        }
        return new LatentDataSet([.. values], width, path);
    }

    /// <summary>
    /// Splits off <paramref name="heldOutRows"/> rows (a seeded random subset) for the quality metrics; the rest
    /// trains. Deterministic for a seed, so a resumed run sees the same training rows.
    /// </summary>
    public static (LatentDataSet Train, LatentDataSet HeldOut) SplitHeldOut(LatentDataSet data, int heldOutRows, long seed)
    {
        var (train, _, heldOut) = SplitEvaluation(data, heldOutRows, 0, seed);
        return (train, heldOut);
    }

    /// <summary>
    /// Splits off a held-out (test) split of <paramref name="heldOutRows"/> rows, whose FID is the reported one, and a
    /// disjoint validation split of <paramref name="validationRows"/> rows (0: none), which selects among generators
    /// (best checkpoint, learning rate) without touching the test split; the rest trains. A seeded shuffle: the held-out
    /// rows are the first <paramref name="heldOutRows"/> of it (the same rows as <see cref="SplitHeldOut"/>), the
    /// validation rows the next ones. Deterministic for a seed, so a resumed run sees the same training rows.
    /// </summary>
    public static (LatentDataSet Train, LatentDataSet? Validation, LatentDataSet HeldOut) SplitEvaluation(
        LatentDataSet data, int heldOutRows, int validationRows, long seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (validationRows < 0 || (validationRows > 0 && validationRows < 2))
        {
            throw new ArgumentException($"{data.Source}: the validation split needs 0 or at least 2 rows, got {validationRows}");
        }
        if (heldOutRows < 2 || heldOutRows + validationRows > data.Rows - 2)
        {
            throw new ArgumentException(validationRows == 0
                ? $"{data.Source}: {data.Rows} rows cannot give {heldOutRows} held-out rows (need at least 2 held-out and 2 training rows)"
                : $"{data.Source}: {data.Rows} rows cannot give {heldOutRows} held-out and {validationRows} validation rows (need at least 2 of each and 2 training rows)");
        }
        var order = Enumerable.Range(0, data.Rows).ToArray();
        var rng = new SeededRandom(unchecked((ulong)seed) ^ 0x4E1D_0A7EUL);
        rng.Shuffle(order.AsSpan());
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
        var validation = validationRows == 0 ? null : Take(order.Skip(heldOutRows).Take(validationRows), "validation rows");
        return (Take(order.Skip(heldOutRows + validationRows), "training rows"), validation, Take(order.Take(heldOutRows), "held-out rows"));
    }
}
