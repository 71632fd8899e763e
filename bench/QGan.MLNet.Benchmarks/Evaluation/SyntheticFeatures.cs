namespace QGan.MLNet.Benchmarks.Evaluation;

/// <summary>Deterministic correlated Gaussian-like feature sets for the evaluation benchmarks.</summary>
internal static class SyntheticFeatures
{
    /// <summary>n rows of d floats: x_j = z_j + 0.5 z_(j-1) + shift, z standard normal (seeded).</summary>
    public static float[][] Rows(int n, int d, int seed, float shift = 0f)
    {
        var rng = new Random(seed);
        var rows = new float[n][];
        for (var r = 0; r < n; r++)
        {
            var row = new float[d];
            double previous = 0;
            for (var j = 0; j < d; j++)
            {
                var z = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                row[j] = (float)(z + 0.5 * previous) + shift;
                previous = z;
            }
            rows[r] = row;
        }
        return rows;
    }

    /// <summary>n SAT-4-shaped CHW images (4 x 28 x 28) with values k / 255.</summary>
    public static float[][] Images(int n, int seed)
    {
        var rng = new Random(seed);
        var images = new float[n][];
        for (var i = 0; i < n; i++)
        {
            var image = new float[3136];
            for (var p = 0; p < image.Length; p++)
            {
                image[p] = rng.Next(256) / 255f;
            }
            images[i] = image;
        }
        return images;
    }
}
