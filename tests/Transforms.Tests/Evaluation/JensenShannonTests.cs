using QGan.MLNet.Transforms.Csv;
using QGan.MLNet.Transforms.Evaluation;

namespace QGan.MLNet.Transforms.Tests.Evaluation;

public sealed class JensenShannonTests
{
    [Fact]
    public void Kaggle_layout_rows_reproduce_the_reference_per_channel_and_mean()
    {
        var result = BandHistograms.Compare(
            Histograms(FidFixture.Csv("jsd-a.csv"), "a"), Histograms(FidFixture.Csv("jsd-b.csv"), "b"));

        var expected = FidFixture.ExpectedJsdPerChannel();
        Assert.Equal(4, result.PerBand.Count);
        for (var c = 0; c < 4; c++)
        {
            Assert.Equal(expected[c], result.PerBand[c], 1e-9);
        }
        Assert.Equal(FidFixture.ExpectedJsdMean(), result.Mean, 1e-9);
    }

    [Fact]
    public void Chw_float_images_give_the_same_divergence_as_the_hwc_byte_rows()
    {
        // Same images, converted to the project's Image column contract: CHW, uint8 / 255.
        var a = new BandHistograms(4, "a");
        var b = new BandHistograms(4, "b");
        foreach (var row in NumericCsv.ReadByteRows(FidFixture.Csv("jsd-a.csv")))
        {
            a.AddChw(ToChw(row));
        }
        foreach (var row in NumericCsv.ReadByteRows(FidFixture.Csv("jsd-b.csv")))
        {
            b.AddChw(ToChw(row));
        }

        var result = BandHistograms.Compare(a, b);

        var expected = FidFixture.ExpectedJsdPerChannel();
        for (var c = 0; c < 4; c++)
        {
            Assert.Equal(expected[c], result.PerBand[c], 1e-9);
        }
    }

    [Fact]
    public void Divergence_has_its_analytic_values()
    {
        Assert.Equal(0.0, JensenShannon.Divergence([3, 1, 0, 2], [6, 2, 0, 4]), 1e-15);
        Assert.Equal(1.0, JensenShannon.Divergence([1, 2, 0, 0], [0, 0, 5, 1]), 1e-15);
        // p = (1, 0), q = (1/2, 1/2), m = (3/4, 1/4).
        var expected = 0.5 * Math.Log2(1 / 0.75) + 0.5 * (0.5 * Math.Log2(0.5 / 0.75) + 0.5 * Math.Log2(0.5 / 0.25));
        Assert.Equal(expected, JensenShannon.Divergence([4, 0], [1, 1]), 1e-15);
    }

    [Fact]
    public void Float_intensities_map_to_the_nearest_8_bit_level_clamped()
    {
        Assert.Equal(0, BandHistograms.BinOf(-0.2f));
        Assert.Equal(0, BandHistograms.BinOf(0.001f));
        Assert.Equal(1, BandHistograms.BinOf(1 / 255f));
        Assert.Equal(128, BandHistograms.BinOf(127.5f / 255f));
        Assert.Equal(255, BandHistograms.BinOf(1f));
        Assert.Equal(255, BandHistograms.BinOf(1.7f));
        for (var k = 0; k < 256; k++)
        {
            Assert.Equal(k, BandHistograms.BinOf(k / 255f));
        }
    }

    [Fact]
    public void Non_finite_pixels_and_empty_sets_are_rejected()
    {
        var h = new BandHistograms(2, "generated");
        var ex = Assert.Throws<InvalidDataException>(() => h.AddChw([0.5f, float.NaN, 0.1f, 0.2f]));
        Assert.Contains("generated: image 0", ex.Message);
        Assert.Contains("band 0, pixel 1", ex.Message);
        Assert.Throws<InvalidDataException>(() => h.AddChw([0.5f, 0.1f, 0.2f]));
        Assert.Throws<InvalidDataException>(() => BandHistograms.Compare(h, new BandHistograms(2, "real")));
    }

    [Fact]
    public void Feature_jsd_bins_each_dimension_over_the_pooled_range()
    {
        // Dimension 0: a = {0, 0, 1}, b = {1, 1, 1} with 2 bins over [0, 1] -> p = (2/3, 1/3), q = (0, 1).
        // Dimension 1: constant 5 in both sets -> 0. Dimension 2: disjoint supports -> 1.
        float[][] a = [[0, 5, 0], [0, 5, 0.1f], [1, 5, 0.2f]];
        float[][] b = [[1, 5, 10], [1, 5, 10.5f], [1, 5, 11]];

        var result = FeatureHistogramJsd.Compute(a, b, bins: 2);

        double p0 = 2.0 / 3, p1 = 1.0 / 3, m0 = p0 / 2, m1 = (p1 + 1) / 2;
        var expected0 = 0.5 * (p0 * Math.Log2(p0 / m0) + p1 * Math.Log2(p1 / m1)) + 0.5 * Math.Log2(1 / m1);
        Assert.Equal(expected0, result.PerDimension[0], 1e-15);
        Assert.Equal(0.0, result.PerDimension[1]);
        Assert.Equal(1.0, result.PerDimension[2], 1e-15);
        Assert.Equal((expected0 + 1) / 3, result.Mean, 1e-15);
    }

    [Fact]
    public void Feature_jsd_of_identical_sets_is_zero_and_names_bad_rows()
    {
        var rng = new Random(1);
        var a = Enumerable.Range(0, 200).Select(_ => new[] { (float)rng.NextDouble(), (float)rng.NextDouble() }).ToArray();

        Assert.Equal(0.0, FeatureHistogramJsd.Compute(a, a).Mean, 1e-15);
        var bad = new[] { new[] { 0f, 1f }, new[] { float.NaN, 0f } };
        var ex = Assert.Throws<InvalidDataException>(() => FeatureHistogramJsd.Compute(a, bad, nameA: "real", nameB: "generated"));
        Assert.Contains("generated: row 1", ex.Message);
    }

    private static BandHistograms Histograms(string path, string name)
    {
        var h = new BandHistograms(4, name);
        foreach (var row in NumericCsv.ReadByteRows(path))
        {
            Assert.Equal(3136, row.Length);
            h.AddHwc(row);
        }
        return h;
    }

    private static float[] ToChw(byte[] hwc)
    {
        var chw = new float[hwc.Length];
        for (var p = 0; p < 784; p++)
        {
            for (var c = 0; c < 4; c++)
            {
                chw[c * 784 + p] = hwc[p * 4 + c] / 255f;
            }
        }
        return chw;
    }
}
