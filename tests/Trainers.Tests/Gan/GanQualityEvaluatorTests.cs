using QGan.MLNet.Trainers.Gan.Data;
using QGan.MLNet.Trainers.Gan.Evaluation;
using QGan.MLNet.Transforms.Evaluation;

namespace QGan.MLNet.Trainers.Tests.Gan;

public sealed class GanQualityEvaluatorTests
{
    /// <summary>A stand-in decoder with a known map: every image pixel of band c is latent[c] (clamped to [0, 1]).</summary>
    private sealed class BandFillDecoder : ILatentDecoder
    {
        public int LatentDimension => 4;
        public int ImageLength => 4 * 9;
        public int Channels => 4;
        public int Calls { get; private set; }

        public float[] Decode(ReadOnlySpan<float> latents)
        {
            Calls++;
            int rows = latents.Length / 4;
            var images = new float[rows * ImageLength];
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < 4; c++)
                {
                    Array.Fill(images, Math.Clamp(latents[r * 4 + c], 0f, 1f), r * ImageLength + c * 9, 9);
                }
            }
            return images;
        }
    }

    [Fact]
    public void Latent_metrics_are_the_project_fid_and_histogram_jsd()
    {
        var real = GaussianMixture.Sample(200, 6, seed: 1);
        var fake = GaussianMixture.Sample(150, 6, seed: 2, sigma: 0.2);

        var quality = new GanQualityEvaluator().Evaluate(real.Values, fake.Values, 6);

        var rows = (float[] v) => v.Chunk(6).ToArray();
        Assert.Equal(FrechetDistance.Compute(rows(real.Values), rows(fake.Values)), quality.LatentFid!.Value, 12);
        Assert.Equal(FeatureHistogramJsd.Compute(rows(real.Values), rows(fake.Values)).Mean, quality.LatentJsd!.Value, 12);
        Assert.Null(quality.PixelJsd);
        Assert.Null(quality.PixelFid);
    }

    [Fact]
    public void Identical_sets_have_zero_distance_and_zero_divergence()
    {
        var real = GaussianMixture.Sample(100, 4, seed: 3);

        var quality = new GanQualityEvaluator(new BandFillDecoder(), pixelFid: true).Evaluate(real.Values, real.Values, 4);

        Assert.Equal(0, quality.LatentFid!.Value, 9);
        Assert.Equal(0, quality.LatentJsd!.Value, 12);
        Assert.Equal(0, quality.PixelJsd!.Value, 12);
        Assert.Equal(0, quality.PixelFid!.Value, 9);
    }

    [Fact]
    public void Pixel_jsd_is_one_bit_when_decoded_intensities_do_not_overlap_and_real_statistics_are_cached()
    {
        var decoder = new BandFillDecoder();
        var evaluator = new GanQualityEvaluator(decoder);
        var real = Enumerable.Repeat(0.1f, 4 * 10).ToArray();  // every pixel in bin 26
        var fake = Enumerable.Repeat(0.9f, 4 * 10).ToArray();  // every pixel in bin 230

        var first = evaluator.Evaluate(real, fake, 4);
        var second = evaluator.Evaluate(real, fake, 4);

        Assert.Equal(1.0, first.PixelJsd!.Value, 12); // disjoint histograms: JSD = 1 bit
        Assert.Equal(first, second);
        Assert.Equal(3, decoder.Calls); // real decoded once, generated twice
    }

    [Fact]
    public void Held_out_split_is_deterministic_disjoint_and_complete()
    {
        var data = GaussianMixture.Sample(50, 3, seed: 5);

        var (train, heldOut) = LatentSources.SplitHeldOut(data, 10, seed: 7);
        var (train2, heldOut2) = LatentSources.SplitHeldOut(data, 10, seed: 7);
        var (_, heldOut3) = LatentSources.SplitHeldOut(data, 10, seed: 8);

        Assert.Equal(40, train.Rows);
        Assert.Equal(10, heldOut.Rows);
        Assert.Equal(train.Values, train2.Values);
        Assert.Equal(heldOut.Values, heldOut2.Values);
        Assert.NotEqual(heldOut.Values, heldOut3.Values);
        var all = data.Values.Chunk(3).Select(r => string.Join(",", r)).Order();
        var union = train.Values.Chunk(3).Concat(heldOut.Values.Chunk(3)).Select(r => string.Join(",", r)).Order();
        Assert.Equal(all, union);
        Assert.Throws<ArgumentException>(() => LatentSources.SplitHeldOut(data, 49, seed: 1));
    }
}
