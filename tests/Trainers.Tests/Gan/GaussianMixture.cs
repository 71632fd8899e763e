using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Trainers.Tests.Gan;

/// <summary>A small latent data set with known structure: a mixture of isotropic Gaussians inside (-1, 1)^width.</summary>
internal static class GaussianMixture
{
    public static LatentDataSet Sample(int rows, int width, int seed, int components = 3, double spread = 0.5, double sigma = 0.08)
    {
        var centres = new Random(1234); // the same mixture for every seed: only the draws differ
        var means = new double[components][];
        for (int c = 0; c < components; c++)
        {
            means[c] = Enumerable.Range(0, width).Select(_ => (centres.NextDouble() * 2 - 1) * spread).ToArray();
        }
        var rng = new Random(seed);
        var values = new float[rows * width];
        for (int r = 0; r < rows; r++)
        {
            var mean = means[rng.Next(components)];
            for (int j = 0; j < width; j++)
            {
                double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
                double g = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                values[r * width + j] = (float)Math.Clamp(mean[j] + sigma * g, -0.95, 0.95);
            }
        }
        return new LatentDataSet(values, width, $"mixture(seed {seed})");
    }
}
