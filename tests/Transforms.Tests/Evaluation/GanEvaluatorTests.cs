using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.Csv;
using QGan.MLNet.Transforms.Evaluation;
using QGan.MLNet.Transforms.Features;
using QGan.MLNet.Transforms.Tests.Features;

namespace QGan.MLNet.Transforms.Tests.Evaluation;

public sealed class GanEvaluatorTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void Latent_space_fid_from_data_views_reproduces_the_reference()
    {
        var real = _ml.Data.LoadFromEnumerable(ReadFloatRows("gauss64-a.csv").Select(r => new LatentRow { Latent = r }));
        var generated = _ml.Data.LoadFromEnumerable(ReadFloatRows("gauss64-b.csv").Select(r => new LatentRow { Latent = r }));
        var options = new GanEvaluationOptions { Spaces = [FeatureSpace.Latent() with { Name = "gauss64" }] };

        var metrics = _ml.QGan().Evaluators.Evaluate(real, generated, options);

        var space = metrics["gauss64"];
        var reference = FidFixture.ExpectedFid("gauss64");
        Assert.True(Math.Abs(space.Fid!.Value - reference) <= 1e-6 * reference, $"{space.Fid:R} vs {reference:R}");
        Assert.Equal(3000, space.RealCount);
        Assert.Equal(2500, space.GeneratedCount);
        Assert.Equal(64, space.Dimension);
        Assert.Empty(metrics.Warnings);
        Assert.Equal(64, space.JsdComponents.Count);
        Assert.InRange(space.Jsd!.Value, 0.0, 1.0);
    }

    [Fact]
    public void Array_overload_reproduces_the_singular_reference_and_warns()
    {
        var real = ReadFloatRows("fewer-rows-than-dims-a.csv");
        var generated = ReadFloatRows("fewer-rows-than-dims-b.csv");

        var space = _ml.QGan().Evaluators.Evaluate(real, generated, FeatureSpace.Latent());

        var reference = FidFixture.ExpectedFid("fewer-rows-than-dims");
        Assert.True(Math.Abs(space.Fid!.Value - reference) <= 1e-4 * reference, $"{space.Fid:R} vs {reference:R}");
        Assert.Equal(2, space.Warnings.Count);
        Assert.Contains("real: fewer samples (40) than feature dimensions (64): the covariance is singular and FID is biased.", space.Warnings);
        Assert.Contains(space.Warnings, w => w.StartsWith("generated: fewer samples (50)", StringComparison.Ordinal));
    }

    [Fact]
    public void Pixel_space_of_image_columns_reproduces_the_reference_jsd()
    {
        var real = _ml.Data.LoadFromEnumerable(ReadImages("jsd-a.csv").Select(im => new ImageRow { Image = im }));
        var generated = _ml.Data.LoadFromEnumerable(ReadImages("jsd-b.csv").Select(im => new ImageRow { Image = im }));

        // FID in 3136 dimensions is covered by the benchmarks; the unit test keeps to the JSD here.
        var metrics = _ml.QGan().Evaluators.Evaluate(real, generated, new GanEvaluationOptions { ComputeFid = false });

        var pixel = metrics["pixel"];
        Assert.Equal(FeatureSpaceKind.Pixel, pixel.Kind);
        Assert.Equal(3136, pixel.Dimension);
        Assert.Equal(40, pixel.RealCount);
        Assert.Null(pixel.Fid);
        Assert.Equal(FidFixture.ExpectedJsdMean(), pixel.Jsd!.Value, 1e-9);
        var expected = FidFixture.ExpectedJsdPerChannel();
        for (var c = 0; c < 4; c++)
        {
            Assert.Equal(expected[c], pixel.JsdComponents[c], 1e-9);
        }
        Assert.Empty(metrics.Warnings);
    }

    [Fact]
    public void Pixel_fid_and_jsd_match_the_array_entry_points_and_flag_small_sets()
    {
        // 2-band 3 x 3 images: 18 dimensions, 5 real images (singular covariance) and 30 generated ones,
        // with some generated values outside [0, 1].
        var rng = new Random(4);
        float[][] Images(int count, float scale) => Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, 18).Select(_ => (float)(rng.NextDouble() * scale)).ToArray()).ToArray();
        var a = Images(5, 1f);
        var b = Images(30, 1.2f);
        var evaluators = _ml.QGan().Evaluators;

        var space = evaluators.Evaluate(a, b, FeatureSpace.Pixel(bands: 2));

        Assert.Equal(evaluators.ComputeFid(a, b).Value, space.Fid!.Value, 1e-12 * space.Fid.Value);
        var jsd = evaluators.ComputePixelJsd(a, b, bands: 2);
        Assert.Equal(jsd.Mean, space.Jsd!.Value, 1e-15);
        Assert.Equal(jsd.PerBand, space.JsdComponents);
        Assert.Equal(18, space.Dimension);
        Assert.Contains("real: fewer samples (5) than feature dimensions (18): the covariance is singular and FID is biased.", space.Warnings);
        Assert.Contains(space.Warnings, w => w.StartsWith("generated: ", StringComparison.Ordinal) && w.EndsWith("pixel values outside [0, 1] were clamped into the end bins.", StringComparison.Ordinal));
    }

    [Fact]
    public void Onnx_space_runs_the_extractor_in_batches_and_agrees_with_the_data_view_path()
    {
        // Four 3 x 32 x 32 images (the probe input and two variations) through tiny-features, compared both ways.
        var probe = TinyFeaturesFixture.ProbeImages();
        var images = probe.Concat(probe.Select(im => im.Select(v => v * 0.5f).ToArray())).ToArray();
        var real = _ml.Data.LoadFromEnumerable(images.Take(3).Select(im => new SmallImageRow { Image = im }));
        var generated = _ml.Data.LoadFromEnumerable(images.Skip(1).Select(im => new SmallImageRow { Image = im }));
        using var transformer = _ml.QGan().Transforms.ExtractOnnxFeatures(TinyFeaturesFixture.Options() with { BatchSize = 2 }).Fit(real);
        var options = new GanEvaluationOptions { Spaces = [FeatureSpace.Onnx(transformer, "tiny")] };

        var batched = _ml.QGan().Evaluators.Evaluate(real, generated, options)["tiny"];
        var viaDataView = _ml.QGan().Evaluators.Evaluate(transformer.Transform(real), transformer.Transform(generated),
            new GanEvaluationOptions { Spaces = [new FeatureSpace { Name = "tiny", ColumnName = "Features" }] })["tiny"];

        Assert.Equal(64, batched.Dimension);
        Assert.Equal(3, batched.RealCount);
        Assert.Equal(viaDataView.Fid!.Value, batched.Fid!.Value, 1e-9);
        Assert.Equal(viaDataView.Jsd!.Value, batched.Jsd!.Value, 1e-12);
    }

    [Fact]
    public void Non_finite_values_name_the_set_and_the_row()
    {
        var real = ReadFloatRows("gauss64-a.csv").Take(10).ToArray();
        var generated = ReadFloatRows("gauss64-b.csv").Take(10).ToArray();
        generated[7][3] = float.NaN;

        var ex = Assert.Throws<InvalidDataException>(() => _ml.QGan().Evaluators.Evaluate(real, generated, FeatureSpace.Latent()));

        Assert.Contains("generated: row 7 (0-based)", ex.Message);
        Assert.Contains("feature 3", ex.Message);
    }

    [Fact]
    public void Missing_or_mistyped_columns_and_dimension_mismatches_are_rejected()
    {
        var images = _ml.Data.LoadFromEnumerable(ReadImages("jsd-a.csv").Take(3).Select(im => new ImageRow { Image = im }));
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.QGan().Evaluators.Evaluate(images, images,
            new GanEvaluationOptions { Spaces = [FeatureSpace.Latent()] }));
        Assert.Contains("real: column 'Latent' not found", missing.Message);

        var mismatch = Assert.Throws<InvalidDataException>(() => _ml.QGan().Evaluators.Evaluate(
            [[1f, 2f], [2f, 1f]], [[1f, 2f, 3f], [3f, 2f, 1f]], FeatureSpace.Latent()));
        Assert.Contains("real has 2 features per row, generated has 3", mismatch.Message);
    }

    [Fact]
    public void Metrics_can_skip_fid_or_jsd()
    {
        var a = ReadFloatRows("gauss64-a.csv").Take(100).ToArray();
        var b = ReadFloatRows("gauss64-b.csv").Take(100).ToArray();

        var jsdOnly = _ml.QGan().Evaluators.Evaluate(a, b, FeatureSpace.Latent(), new GanEvaluationOptions { ComputeFid = false });
        var fidOnly = _ml.QGan().Evaluators.Evaluate(a, b, FeatureSpace.Latent(), new GanEvaluationOptions { ComputeJsd = false });

        Assert.Null(jsdOnly.Fid);
        Assert.NotNull(jsdOnly.Jsd);
        Assert.Null(fidOnly.Jsd);
        Assert.Empty(fidOnly.JsdComponents);
        Assert.Equal(_ml.QGan().Evaluators.ComputeFid(a, b).Value, fidOnly.Fid!.Value, 1e-12);
        Assert.Equal(_ml.QGan().Evaluators.ComputeFeatureJsd(a, b).Mean, jsdOnly.Jsd!.Value, 1e-15);
    }

    private static float[][] ReadFloatRows(string name) =>
        NumericCsv.ReadRows(FidFixture.Csv(name)).Select(r => r.Select(v => (float)v).ToArray()).ToArray();

    /// <summary>Kaggle rows (HWC bytes) converted to the Image column contract (CHW, uint8 / 255).</summary>
    private static float[][] ReadImages(string name) =>
        NumericCsv.ReadByteRows(FidFixture.Csv(name)).Select(hwc =>
        {
            var chw = new float[3136];
            for (var p = 0; p < 784; p++)
            {
                for (var c = 0; c < 4; c++)
                {
                    chw[c * 784 + p] = hwc[p * 4 + c] / 255f;
                }
            }
            return chw;
        }).ToArray();

    private sealed class LatentRow
    {
        [VectorType(64)]
        public float[] Latent { get; set; } = [];
    }

    private sealed class ImageRow
    {
        [VectorType(3136)]
        public float[] Image { get; set; } = [];
    }

    private sealed class SmallImageRow
    {
        [VectorType(3072)]
        public float[] Image { get; set; } = [];
    }
}
