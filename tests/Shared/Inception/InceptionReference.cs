using System.Text.Json;
using QGan.MLNet.Transforms.Csv;

namespace QGan.MLNet.Tests.Shared.Inception;

/// <summary>
/// The inception fixture (tests/fixtures/inception, see its README): pytorch-fid's FID Inception-v3 with seeded sparse
/// random weights in both torch.save formats, probe images, and the features pytorch-fid computed from them.
/// </summary>
public static class InceptionReference
{
    public static string ZipWeights => Fixtures.Path("inception", "fid-inception-sparse.pth.gz");

    public static string LegacyWeights => Fixtures.Path("inception", "fid-inception-sparse-legacy.pth.gz");

    public static string SatProbe => Fixtures.Path("inception", "sat4-probe.csv");

    /// <summary>The 4 probe images, 3 x 64 x 64 CHW floats in [0, 1].</summary>
    public static float[][] ProbeImages { get; } = NumericCsv.ReadRows(Fixtures.Path("inception", "probe-images.csv"))
        .Select(row => row.Select(v => (float)v).ToArray()).ToArray();

    private static readonly Lazy<JsonElement> _expected = new(() =>
        JsonDocument.Parse(File.ReadAllText(Fixtures.Path("inception", "expected.json"))).RootElement);

    /// <summary>pool3 features of each probe image.</summary>
    public static double[][] Pool3 => Matrix("pool3");

    /// <summary>pool3 features of each SAT-4 probe patch (R, G, B / 255).</summary>
    public static double[][] SatPool3 => Matrix("sat4_pool3");

    /// <summary>block_sums[block][image].</summary>
    public static double[][] BlockSums => Matrix("block_sums");

    /// <summary>block_shapes[block] = [N, C, H, W].</summary>
    public static long[][] BlockShapes => _expected.Value.GetProperty("block_shapes").EnumerateArray()
        .Select(r => r.EnumerateArray().Select(v => v.GetInt64()).ToArray()).ToArray();

    private static double[][] Matrix(string name) => _expected.Value.GetProperty(name).EnumerateArray()
        .Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();

    /// <summary>
    /// Asserts that <paramref name="actual"/> matches <paramref name="expected"/> to <paramref name="relative"/>
    /// relative to the vector's scale: max_i |a_i - e_i| &lt;= relative * max_i |e_i| (float32 on both sides, summed
    /// in different orders, so exact equality is not expected; many pool3 entries are exact zeros after ReLU).
    /// </summary>
    public static void AssertClose(double[] expected, float[] actual, double relative, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = expected.Max(Math.Abs);
        Assert.True(scale > 0, $"{what}: the expected vector is all zeros");
        var worst = 0.0;
        var at = -1;
        for (var i = 0; i < expected.Length; i++)
        {
            var diff = Math.Abs(actual[i] - expected[i]);
            if (diff > worst)
            {
                worst = diff;
                at = i;
            }
        }
        Assert.True(worst <= relative * scale,
            $"{what}: |actual - expected| = {worst:G4} at {at} (expected {expected[Math.Max(at, 0)]:G6}, actual {actual[Math.Max(at, 0)]:G6}), more than {relative:G2} x {scale:G6}");
    }
}
