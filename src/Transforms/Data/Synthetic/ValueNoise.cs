using QGan.MLNet.Core.Randomness;
namespace QGan.MLNet.Transforms.Data.Synthetic;

/// <summary>
/// 2-D value noise on a 28x28 patch: random values on a coarse lattice, interpolated with smoothstep weights. The
/// lattice size sets the texture scale (2 = smooth gradients, 7 = blobs about 4 px across). Only +, -, * are used, so
/// results are bit-identical across machines.
/// </summary>
internal static class ValueNoise
{
    private const int Size = Sat4Schema.Height;

    /// <summary>Fills <paramref name="field"/> (28*28, row-major) with noise in [0, 1).</summary>
    public static void Fill(SeededRandom rng, int lattice, Span<float> field)
    {
        var stride = lattice + 1;
        Span<float> knots = stackalloc float[stride * stride];
        for (var i = 0; i < knots.Length; i++)
        {
            knots[i] = rng.NextFloat();
        }
        var cell = (float)lattice / Size;
        for (var row = 0; row < Size; row++)
        {
            var y = (row + 0.5f) * cell;
            var y0 = (int)y;
            var wy = Smooth(y - y0);
            for (var col = 0; col < Size; col++)
            {
                var x = (col + 0.5f) * cell;
                var x0 = (int)x;
                var wx = Smooth(x - x0);
                var a = knots[y0 * stride + x0];
                var b = knots[y0 * stride + x0 + 1];
                var c = knots[(y0 + 1) * stride + x0];
                var d = knots[(y0 + 1) * stride + x0 + 1];
                var top = a + (b - a) * wx;
                var bottom = c + (d - c) * wx;
                field[row * Size + col] = top + (bottom - top) * wy;
            }
        }
    }

    private static float Smooth(float t) => t * t * (3f - 2f * t);
}
