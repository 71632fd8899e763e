using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using QGan.MLNet.Trainers.Gan.MLNet;

namespace QGan.MLNet.Trainers.Tests.Gan;

/// <summary>
/// The ONNX graph that draws noise from (seed, row) against a C# implementation of its definition (integer part bit
/// for bit, so the uniforms are identical; the normals to float precision), and the statistics of the noise.
/// </summary>
public sealed class RowNoiseGraphTests
{
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The definition in <see cref="RowNoiseGraph"/>'s summary, written out in C#.</summary>
    private static float[] Reference(float[] row, int dimension, long seed)
    {
        ulong combined = 0;
        for (int j = 0; j < row.Length; j++)
        {
            float clipped = Math.Clamp(row[j], -RowNoiseGraph.Quantum, RowNoiseGraph.Quantum);
            ulong q = unchecked((ulong)(long)MathF.Floor(clipped * RowNoiseGraph.Quantum));
            combined ^= Mix(unchecked(q + (ulong)(j + 1) * RowNoiseGraph.Golden));
        }
        ulong key = Mix(unchecked(combined + (ulong)seed));
        int pairs = (dimension + 1) / 2;
        var uniform = new float[2 * pairs];
        for (int i = 0; i < uniform.Length; i++)
        {
            ulong bits = Mix(unchecked(key + (ulong)(i + 1) * RowNoiseGraph.Stream)) >> 40;
            uniform[i] = ((float)bits + 0.5f) * (1f / (1 << 24));
        }
        var normal = new float[2 * pairs];
        for (int d = 0; d < pairs; d++)
        {
            float radius = MathF.Sqrt(MathF.Log(uniform[d]) * -2f);
            float angle = uniform[pairs + d] * (2f * MathF.PI);
            normal[d] = radius * MathF.Cos(angle);
            normal[pairs + d] = radius * MathF.Sin(angle);
        }
        return normal[..dimension];
    }

    private static float[] Run(byte[] model, float[] rows, int width)
    {
        using var session = new InferenceSession(model);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("row", new DenseTensor<float>(rows, [rows.Length / width, width]))]);
        return results.Single().AsTensor<float>().ToArray();
    }

    [Theory]
    [InlineData(24, 12, 1L)]
    [InlineData(5, 3, -7L)]
    [InlineData(1, 1, 123456789L)]
    public void Graph_matches_its_definition(int width, int dimension, long seed)
    {
        var rng = new Random(5);
        var rows = new float[50 * width];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = (float)(rng.NextDouble() * 4 - 2);
        }
        rows[0] = 3e7f;          // clipped
        rows[width] = -3e7f;
        var model = RowNoiseGraph.Build(width, dimension, seed, "row", "noise").ToByteArray();

        var noise = Run(model, rows, width);

        for (int r = 0; r < 50; r++)
        {
            var expected = Reference(rows[(r * width)..((r + 1) * width)], dimension, seed);
            for (int d = 0; d < dimension; d++)
            {
                Assert.Equal(expected[d], noise[r * dimension + d], 1e-5);
            }
        }
    }

    [Fact]
    public void Noise_of_distinct_rows_is_standard_normal_and_uncorrelated()
    {
        const int rows = 20_000, width = 24, dimension = 6;
        var values = new float[rows * width];
        var rng = new Random(11);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)Math.Tanh(rng.NextDouble() * 4 - 2);
        }
        var noise = Run(RowNoiseGraph.Build(width, dimension, 3, "row", "noise").ToByteArray(), values, width);

        for (int d = 0; d < dimension; d++)
        {
            double mean = 0, square = 0;
            for (int r = 0; r < rows; r++)
            {
                mean += noise[r * dimension + d];
                square += noise[r * dimension + d] * (double)noise[r * dimension + d];
            }
            mean /= rows;
            var variance = square / rows - mean * mean;
            Assert.InRange(mean, -0.03, 0.03);        // 4 standard errors of the mean
            Assert.InRange(variance, 0.95, 1.05);
        }
        for (int a = 0; a < dimension; a++)
        {
            for (int b = a + 1; b < dimension; b++)
            {
                double product = 0;
                for (int r = 0; r < rows; r++)
                {
                    product += noise[r * dimension + a] * (double)noise[r * dimension + b];
                }
                Assert.InRange(product / rows, -0.03, 0.03);
            }
        }
    }

    [Fact]
    public void Seed_and_every_value_of_the_row_change_the_noise()
    {
        var row = Enumerable.Range(0, 8).Select(i => i * 0.1f - 0.3f).ToArray();
        var model = RowNoiseGraph.Build(8, 4, 1, "row", "noise").ToByteArray();
        var baseline = Run(model, row, 8);

        Assert.NotEqual(baseline, Run(RowNoiseGraph.Build(8, 4, 2, "row", "noise").ToByteArray(), row, 8));
        for (int j = 0; j < 8; j++)
        {
            var changed = (float[])row.Clone();
            changed[j] += 1e-5f;
            Assert.NotEqual(baseline, Run(model, changed, 8));
        }
        var swapped = (float[])row.Clone();
        (swapped[0], swapped[1]) = (swapped[1], swapped[0]);
        Assert.NotEqual(baseline, Run(model, swapped, 8));
    }
}
