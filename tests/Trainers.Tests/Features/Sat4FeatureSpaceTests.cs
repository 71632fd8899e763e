using QGan.MLNet.Transforms.Onnx;
using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Tests.Shared;
using QGan.MLNet.Trainers.Features;
using QGan.MLNet.Transforms.Onnx.Proto;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Data.Synthetic;
using QGan.MLNet.Transforms.Evaluation;
using QGan.MLNet.Transforms.Features;
using Xunit.Abstractions;

namespace QGan.MLNet.Trainers.Tests.Features;

/// <summary>
/// The shipped feature network (<c>models/sat4-features/features.onnx</c>) as an evaluation feature space: its
/// signature, its agreement with <c>features.json</c>, and a sanity check of what its FID measures.
/// </summary>
public sealed class Sat4FeatureSpaceTests(ITestOutputHelper output)
{
    private static readonly string ShippedModel = Path.Combine(Fixtures.RepoRoot, "models", "sat4-features", Sat4FeatureOnnx.FileName);

    private static readonly MLContext Ml = new(seed: 1);

    [Fact]
    public void The_preset_takes_all_four_bands_at_28x28_without_scaling_and_expects_128_features()
    {
        var options = OnnxFeatureExtractorOptions.Sat4FeatureNetwork("m.onnx");

        Assert.Equal([0, 1, 2, 3], options.Bands);
        Assert.Equal((4, 28, 28), (options.SourceChannels, options.SourceHeight, options.SourceWidth));
        Assert.Null(options.TargetHeight);
        Assert.Null(options.TargetWidth);
        Assert.Equal([1f], options.Scale);
        Assert.Equal([0f], options.Offset);
        Assert.Equal(("image", "features", 128), (options.OnnxInputName, options.OnnxOutputName, options.ExpectedFeatureDimension));
    }

    [Fact]
    public void The_shipped_model_has_the_preset_signature_and_its_card_metadata()
    {
        using var extractor = new OnnxFeatureExtractor(OnnxFeatureExtractorOptions.Sat4FeatureNetwork(ShippedModel));
        Assert.Equal(128, extractor.FeatureDimension);
        Assert.Equal([-1, 4, 28, 28], extractor.Signature.InputShape);
        Assert.True(new FileInfo(ShippedModel).Length < 1_000_000);

        var info = Sat4FeatureModelInfo.FromJson(
            File.ReadAllText(Path.Combine(Path.GetDirectoryName(ShippedModel)!, Sat4FeatureModelInfo.FileName)), "features.json");
        Assert.Equal(128, info.FeatureDim);
        Assert.True(info.ValidationAccuracy > 0.95, $"shipped validation accuracy {info.ValidationAccuracy}");
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(ShippedModel));
        var meta = proto.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(info.Training.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), meta["seed"]);
        Assert.Equal(info.Data.Description, meta["data"]);
        Assert.Equal(info.ValidationAccuracy, double.Parse(meta["validation_accuracy"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_preset_rejects_a_model_with_another_feature_dimension()
    {
        // The shipped autoencoder encoder has the same input ([N,4,28,28]) but 24 outputs.
        var encoder = Path.Combine(Fixtures.RepoRoot, "models", "sat4-synthetic", "encoder.onnx");
        var ex = Assert.Throws<InvalidDataException>(() => new OnnxFeatureExtractor(
            OnnxFeatureExtractorOptions.Sat4FeatureNetwork(encoder) with { OnnxInputName = null, OnnxOutputName = null }));
        Assert.Contains("gives 24 features per sample", ex.Message);
        Assert.Contains("expected 128", ex.Message);
        // With the preset's tensor names the encoder fails earlier, on the missing 'features' output.
        var named = Assert.Throws<InvalidDataException>(() => FeatureSpace.Sat4Features(encoder));
        Assert.Contains($"{encoder}: no output tensor 'features'", named.Message);
    }

    [Fact]
    public void The_catalog_transform_appends_the_same_features_as_the_extractor()
    {
        var data = Sat4SyntheticGenerator.Generate(12, 7UL);
        var view = data.ToDataView(Ml);

        using var transformer = Ml.QGan().Transforms.ExtractSat4Features(ShippedModel).Fit(view);
        var rows = transformer.Transform(view).GetColumn<float[]>("Features").ToArray();

        using var extractor = new OnnxFeatureExtractor(OnnxFeatureExtractorOptions.Sat4FeatureNetwork(ShippedModel));
        Assert.Equal(12, rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(extractor.Extract(data.GetPatchChw(i)), rows[i]);
        }
    }

    [Fact]
    public void Fid_in_the_feature_space_is_small_between_samples_of_one_distribution_and_large_otherwise()
    {
        var real = Sat4SyntheticGenerator.Generate(400, 101UL);
        var realAgain = Sat4SyntheticGenerator.Generate(400, 202UL);
        // Same generator, but only two of the four classes: a class-distribution shift.
        var mixed = Sat4SyntheticGenerator.Generate(900, 303UL);
        var shifted = mixed.Subset(Enumerable.Range(0, mixed.Count).Where(i => mixed.Labels[i] <= 1).Take(400).ToArray());
        var noise = UniformNoise(400, seed: 404);

        var space = FeatureSpace.Sat4Features(ShippedModel);
        try
        {
            double Fid(Sat4Split a, Sat4Split b) => Ml.QGan().Evaluators.Evaluate(a.ToDataView(Ml), b.ToDataView(Ml),
                new GanEvaluationOptions { Spaces = [space], ComputeJsd = false })["sat4-features"].Fid!.Value;

            var same = Fid(real, realAgain);
            var classShift = Fid(real, shifted);
            var toNoise = Fid(real, noise);
            // A within-class shift: every intensity of the second sample raised by 5 or 20 levels (of 255).
            var brighter5 = Fid(real, Brighten(realAgain, 5));
            var brighter20 = Fid(real, Brighten(realAgain, 20));
            output.WriteLine(FormattableString.Invariant(
                $"FID real vs real' {same:G4}; +5 levels {brighter5:G4}; +20 levels {brighter20:G4}; two classes only {classShift:G4}; noise {toNoise:G4}"));

            Assert.True(same >= 0);
            Assert.True(classShift > 10 * same, $"FID same {same}, class-shifted {classShift}");
            Assert.True(toNoise > 10 * same, $"FID same {same}, noise {toNoise}");
            // The distance grows with the size of the shift.
            Assert.True(same < brighter5 && brighter5 < brighter20 && brighter20 < classShift,
                $"FID same {same}, +5 {brighter5}, +20 {brighter20}, class-shifted {classShift}");
            Assert.True(brighter20 > 3 * same, $"FID same {same}, +20 levels {brighter20}");
        }
        finally
        {
            ((IDisposable)space.Featurizer!).Dispose();
        }
    }

    private static Sat4Split Brighten(Sat4Split split, int delta)
    {
        var pixels = split.Pixels.Select(p => (byte)Math.Min(255, p + delta)).ToArray();
        return new Sat4Split("bright", pixels, split.Labels);
    }

    private static Sat4Split UniformNoise(int count, int seed)
    {
        var pixels = new byte[count * Sat4Schema.PixelCount];
        new Random(seed).NextBytes(pixels);
        return new Sat4Split("noise", pixels, new int[count]);
    }
}
