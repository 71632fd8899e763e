using QGan.MLNet.Core.Limits;
using QGan.MLNet.Core.Randomness;
namespace QGan.MLNet.Transforms.Data.Synthetic;

/// <summary>
/// A deterministic, SYNTHETIC SAT-4-like data set (not satellite data): 28x28x4 patches whose four classes have the
/// band statistics and textures of the real ones, for tests, demos and the default data of the tools.
/// <list type="bullet">
/// <item>barren land: bright, reddish soil (R &gt; G &gt; B), low NIR, fine per-pixel grain on gentle undulation.</item>
/// <item>trees: dark RGB, high NIR, blobby canopy: crowns about 4 px across (bright, NIR-rich) with dark shadow gaps.</item>
/// <item>grassland: mid green (G &gt; R), high NIR, smooth large-scale variation, almost no grain.</item>
/// <item>none: water and urban mixtures: a half-plane of dark, NIR-absorbing water against city blocks (grey roofs of
/// random brightness on a street grid, moderate NIR); a quarter of patches are all water, a quarter all urban.</item>
/// </list>
/// Patch i is generated from its own random stream <c>SeededRandom.ForStream(seed, i)</c>, so a patch does not depend on the
/// count or on thread scheduling, and generation runs in parallel. Only IEEE +, -, *, / and integer operations are
/// used (no transcendental functions), so a seed gives bit-identical bytes on every machine.
/// </summary>
public static class Sat4SyntheticGenerator
{
    private const int Plane = Sat4Schema.PlaneSize;

    /// <summary>Generates <paramref name="count"/> patches as a split named <paramref name="splitName"/>.</summary>
    public static Sat4Split Generate(int count, ulong seed, string splitName = Sat4Schema.TrainSplit)
    {
        if (count is <= 0 or > SizeLimits.MaxSyntheticPatches)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be 1..{SizeLimits.MaxSyntheticPatches}.");
        }
        var pixels = new byte[count * Sat4Schema.PixelCount];
        var labels = new int[count];
        Parallel.For(0, count, () => new float[5 * Plane], (i, _, scratch) =>
        {
            var rng = SeededRandom.ForStream(seed, (ulong)i);
            var label = rng.NextInt(Sat4Schema.ClassCount);
            labels[i] = label;
            GeneratePatch(label, rng, pixels.AsSpan(i * Sat4Schema.PixelCount, Sat4Schema.PixelCount), scratch);
            return scratch;
        }, _ => { });
        return new Sat4Split(splitName, pixels, labels);
    }

    /// <summary>
    /// Same as the <see cref="ulong"/> overload, for the <see cref="int"/> seeds ML.NET uses; a negative seed is taken
    /// as its two's-complement bit pattern.
    /// </summary>
    public static Sat4Split Generate(int count, int seed, string splitName = Sat4Schema.TrainSplit) =>
        Generate(count, unchecked((ulong)(long)seed), splitName);

    /// <summary>A data set with one split of <paramref name="count"/> patches.</summary>
    public static Sat4DataSet GenerateDataSet(int count, ulong seed, string splitName = Sat4Schema.TrainSplit) =>
        new([Generate(count, seed, splitName)], null, $"synthetic SAT-4-like (seed {seed})");

    private static void GeneratePatch(int label, SeededRandom rng, Span<byte> chw, float[] scratch)
    {
        var bands = scratch.AsSpan(0, 4 * Plane);
        var field = scratch.AsSpan(4 * Plane, Plane);
        switch (label)
        {
            case 0: BarrenLand(rng, bands, field); break;
            case 1: Trees(rng, bands, field); break;
            case 2: Grassland(rng, bands, field); break;
            default: WaterAndUrban(rng, bands, field); break;
        }
        for (var k = 0; k < chw.Length; k++)
        {
            var v = bands[k];
            chw[k] = v <= 0f ? (byte)0 : v >= 255f ? (byte)255 : (byte)(int)(v + 0.5f);
        }
    }

    private static void BarrenLand(SeededRandom rng, Span<float> bands, Span<float> undulation)
    {
        var light = 12f * Signed(rng);
        float r = 168 + light, g = 146 + light, b = 122 + light, nir = 104 + 0.6f * light;
        ValueNoise.Fill(rng, 3, undulation);
        for (var p = 0; p < Plane; p++)
        {
            var m = undulation[p] - 0.5f;
            var grain = 14f * Triangular(rng);
            bands[p] = r + 30 * m + grain + 4 * Signed(rng);
            bands[Plane + p] = g + 28 * m + grain + 4 * Signed(rng);
            bands[2 * Plane + p] = b + 24 * m + grain + 4 * Signed(rng);
            bands[3 * Plane + p] = nir + 16 * m + 0.6f * grain + 3 * Signed(rng);
        }
    }

    private static void Trees(SeededRandom rng, Span<float> bands, Span<float> canopy)
    {
        var light = 6f * Signed(rng);
        ValueNoise.Fill(rng, 7, canopy);
        for (var p = 0; p < Plane; p++)
        {
            // Crown coverage 0 (shadow gap) .. 1 (sunlit crown).
            var c = Math.Clamp((canopy[p] - 0.3f) * 2.5f, 0f, 1f);
            var grain = Triangular(rng);
            bands[p] = 38 + light + 26 * c + 5 * grain;
            bands[Plane + p] = 55 + light + 34 * c + 5 * grain;
            bands[2 * Plane + p] = 40 + light + 20 * c + 4 * grain;
            bands[3 * Plane + p] = 130 + 2 * light + 85 * c + 7 * grain;
        }
    }

    private static void Grassland(SeededRandom rng, Span<float> bands, Span<float> smooth)
    {
        var light = 10f * Signed(rng);
        var vigour = 10f * Signed(rng);
        ValueNoise.Fill(rng, 2, smooth);
        for (var p = 0; p < Plane; p++)
        {
            var m = smooth[p] - 0.5f;
            bands[p] = 104 + light - 0.3f * vigour + 16 * m + 2 * Signed(rng);
            bands[Plane + p] = 136 + light + 0.5f * vigour + 18 * m + 2 * Signed(rng);
            bands[2 * Plane + p] = 84 + light + 10 * m + 2 * Signed(rng);
            bands[3 * Plane + p] = 168 + vigour + 22 * m + 3 * Signed(rng);
        }
    }

    private static void WaterAndUrban(SeededRandom rng, Span<float> bands, Span<float> water)
    {
        // water[p] = 1 for water, 0 for urban. Mixed patches: a straight shoreline through a random point.
        var kind = rng.NextInt(4);
        var px = rng.NextInt(6, 22);
        var py = rng.NextInt(6, 22);
        int dx, dy;
        do
        {
            dx = rng.NextInt(-4, 5);
            dy = rng.NextInt(-4, 5);
        }
        while (dx == 0 && dy == 0);
        for (var row = 0; row < Sat4Schema.Height; row++)
        {
            for (var col = 0; col < Sat4Schema.Width; col++)
            {
                water[row * Sat4Schema.Width + col] = kind switch
                {
                    0 => 1f,
                    1 => 0f,
                    _ => (col - px) * dx + (row - py) * dy > 0 ? 1f : 0f,
                };
            }
        }

        // City blocks: a street grid with random block sizes, each roof a random grey.
        Span<int> colBlock = stackalloc int[Sat4Schema.Width];
        Span<int> rowBlock = stackalloc int[Sat4Schema.Height];
        Span<float> roof = stackalloc float[64];
        var blocksX = StreetGrid(rng, colBlock);
        var blocksY = StreetGrid(rng, rowBlock);
        for (var i = 0; i < blocksX * blocksY && i < roof.Length; i++)
        {
            roof[i] = 95 + 110 * rng.NextFloat();
        }
        var depth = 6f * Signed(rng);
        for (var row = 0; row < Sat4Schema.Height; row++)
        {
            for (var col = 0; col < Sat4Schema.Width; col++)
            {
                var p = row * Sat4Schema.Width + col;
                float r, g, b, nir;
                if (water[p] > 0.5f)
                {
                    var ripple = 2 * Signed(rng);
                    r = 38 + depth + ripple;
                    g = 54 + depth + ripple;
                    b = 72 + depth + ripple;
                    nir = 22 + 0.5f * depth + ripple;
                }
                else
                {
                    var street = colBlock[col] < 0 || rowBlock[row] < 0;
                    var grey = street ? 72f : roof[Math.Min(rowBlock[row] * blocksX + colBlock[col], roof.Length - 1)];
                    var grain = 6 * Triangular(rng);
                    r = grey + 6 + grain;
                    g = grey + grain;
                    b = grey - 4 + grain;
                    nir = 0.75f * grey + grain;
                }
                bands[p] = r;
                bands[Plane + p] = g;
                bands[2 * Plane + p] = b;
                bands[3 * Plane + p] = nir;
            }
        }
    }

    /// <summary>Assigns each of 28 positions a block index, or -1 on a 1-px street; returns the block count.</summary>
    private static int StreetGrid(SeededRandom rng, Span<int> block)
    {
        var index = 0;
        var position = -rng.NextInt(0, 5);
        while (position < block.Length)
        {
            var size = rng.NextInt(5, 9);
            for (var k = 0; k < size; k++)
            {
                if ((uint)(position + k) < (uint)block.Length)
                {
                    block[position + k] = index;
                }
            }
            position += size;
            if (position < block.Length)
            {
                block[position] = -1;
            }
            position++;
            index++;
        }
        return index;
    }

    /// <summary>Uniform in [-1, 1).</summary>
    private static float Signed(SeededRandom rng) => rng.NextFloat() * 2f - 1f;

    /// <summary>Triangular noise in (-1, 1): the sum of two uniforms, a cheap bell-ish shape without logs or cosines.</summary>
    private static float Triangular(SeededRandom rng) => rng.NextFloat() + rng.NextFloat() - 1f;
}
