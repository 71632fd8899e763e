using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.Features;

namespace QGan.MLNet.Transforms.Tests.Features;

/// <summary>
/// The feature extractor as an ML.NET model: the preprocessing compiled to ONNX operators against the C# reference
/// (<see cref="FeatureInputPreprocessor"/>), <c>Model.Save</c>/<c>Model.Load</c>, PredictionEngine and cursor sets.
/// </summary>
public sealed class OnnxFeatureExtractorModelTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qgan-onnx-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<int, int, int[], int, int, bool, bool> Preprocessings() => new()
    {
        // source H, W, bands, target H, W, align corners, channels last
        { 28, 28, [0, 1, 2], 299, 299, false, false },
        { 28, 28, [3, 3, 3], 13, 17, false, false },
        { 28, 28, [2, 0], 40, 9, true, false },
        { 5, 7, [1, 3, 0], 5, 7, false, true },
        { 6, 6, [0, 1, 2, 3], 11, 3, false, true },
    };

    [Theory]
    [MemberData(nameof(Preprocessings))]
    public void Compiled_preprocessing_matches_the_csharp_reference(int h, int w, int[] bands, int th, int tw, bool alignCorners, bool nhwc)
    {
        int c = bands.Length;
        int[] shape = nhwc ? [-1, th, tw, c] : [-1, c, th, tw];
        var model = TinyOnnxModel.WriteIdentity(_dir, $"identity-{h}-{w}-{th}-{tw}-{c}-{nhwc}.onnx", shape, shape);
        var options = new OnnxFeatureExtractorOptions
        {
            ModelPath = model, SourceChannels = 4, SourceHeight = h, SourceWidth = w, Bands = bands, TargetHeight = th, TargetWidth = tw,
            AlignCorners = alignCorners, InputLayout = nhwc ? OnnxTensorLayout.Nhwc : OnnxTensorLayout.Nchw,
            Scale = [.. bands.Select((_, i) => 1.5f + i)], Offset = [.. bands.Select((_, i) => -0.25f * i)],
        };
        var rng = new Random(h * 100 + th);
        var images = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, 4 * h * w).Select(_ => (float)rng.NextDouble()).ToArray()).ToArray();
        using var extractor = new OnnxFeatureExtractor(options);
        var reference = new FeatureInputPreprocessor(4, h, w, bands, th, tw, alignCorners, options.Scale, options.Offset);

        var features = extractor.Extract(images);

        for (int i = 0; i < images.Length; i++)
        {
            var chw = new float[reference.OutputLength];
            reference.Process(images[i], chw);
            for (int channel = 0; channel < c; channel++)
            {
                for (int p = 0; p < th * tw; p++)
                {
                    var expected = chw[channel * th * tw + p];
                    var actual = nhwc ? features[i][p * c + channel] : features[i][channel * th * tw + p];
                    // ONNX Runtime computes the sampling coordinates in float32, the reference in double.
                    Assert.True(Math.Abs(expected - actual) <= 1e-5, $"image {i}, channel {channel}, pixel {p}: {expected} vs {actual}");
                }
            }
        }
    }

    [Fact]
    public void Fitted_extractor_saves_loads_and_works_in_a_prediction_engine_with_the_same_features()
    {
        var ml = new MLContext(seed: 1);
        var images = TinyFeaturesFixture.ProbeImages();
        var data = ml.Data.LoadFromEnumerable(images.Select((im, i) => new ImageRow { Image = im, Label = i + 1 }));
        var options = TinyFeaturesFixture.Options() with { TargetHeight = 32, TargetWidth = 32, Scale = [0.5f], Offset = [0.25f] };
        using var transformer = ml.QGan().Transforms.ExtractOnnxFeatures(options).Fit(data);
        var expected = transformer.Transform(data).GetColumn<float[]>("Features").ToArray();

        var path = Path.Combine(_dir, "features.zip");
        ml.Model.Save(transformer, data.Schema, path);
        var loaded = ml.Model.Load(path, out var schema);
        var reloaded = loaded.Transform(data).GetColumn<float[]>("Features").ToArray();
        var engine = ml.Model.CreatePredictionEngine<ImageRow, FeatureRow>(transformer);
        var loadedEngine = ml.Model.CreatePredictionEngine<ImageRow, FeatureRow>(loaded);

        Assert.Equal(["Image", "Label"], schema.Select(c => c.Name));
        Assert.DoesNotContain(loaded.GetOutputSchema(schema), c => c.Name.StartsWith("qgan_", StringComparison.Ordinal));
        for (int i = 0; i < images.Length; i++)
        {
            var row = new ImageRow { Image = images[i], Label = i + 1 };
            Assert.All(expected[i].Zip(reloaded[i]), p => Assert.Equal(p.First, p.Second, 1e-6));
            Assert.All(expected[i].Zip(engine.Predict(row).Features), p => Assert.Equal(p.First, p.Second, 1e-6));
            Assert.All(expected[i].Zip(loadedEngine.Predict(row).Features), p => Assert.Equal(p.First, p.Second, 1e-6));
        }
    }

    [Fact]
    public void Cursor_sets_split_the_rows_and_give_every_row_its_features()
    {
        var ml = new MLContext(seed: 1);
        var rng = new Random(3);
        var images = Enumerable.Range(0, 70).Select(_ => Enumerable.Range(0, 3072).Select(_ => (float)rng.NextDouble()).ToArray()).ToArray();
        var data = ml.Data.LoadFromEnumerable(images.Select((im, i) => new ImageRow { Image = im, Label = i }));
        using var transformer = ml.QGan().Transforms.ExtractOnnxFeatures(TinyFeaturesFixture.Options() with { BatchSize = 16 }).Fit(data);
        var view = transformer.Transform(data);
        var expected = view.GetColumn<float[]>("Features").ToArray();

        var label = view.Schema["Label"];
        var features = view.Schema["Features"];
        var cursors = view.GetRowCursorSet([label, features], 3);
        var seen = new float[70][];
        Parallel.ForEach(cursors, cursor =>
        {
            using (cursor)
            {
                var labelGetter = cursor.GetGetter<int>(label);
                var featureGetter = cursor.GetGetter<VBuffer<float>>(features);
                int l = 0;
                VBuffer<float> f = default;
                while (cursor.MoveNext())
                {
                    labelGetter(ref l);
                    featureGetter(ref f);
                    seen[l] = f.DenseValues().ToArray();
                }
            }
        });

        Assert.Equal(3, cursors.Length);
        for (int i = 0; i < 70; i++)
        {
            Assert.Equal(expected[i], seen[i]);
        }
    }

    private sealed class ImageRow
    {
        [VectorType(3072)]
        public float[] Image { get; set; } = [];

        public int Label { get; set; }
    }

    private sealed class FeatureRow
    {
        public int Label { get; set; }

        [VectorType(64)]
        public float[] Features { get; set; } = [];
    }
}
