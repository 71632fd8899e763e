using QGan.MLNet.Transforms.Onnx;
using QGan.MLNet.Trainers.Features;
using QGan.MLNet.Transforms.Onnx.Proto;
using QGan.MLNet.Transforms.Data.Synthetic;
using static QGan.MLNet.Trainers.Tests.Onnx.OnnxTestHelpers;

namespace QGan.MLNet.Trainers.Tests.Features;

/// <summary>The classifier learns the synthetic SAT-4 classes, deterministically, and exports to ONNX exactly.</summary>
public sealed class Sat4FeatureTrainerTests
{
    private static readonly Sat4FeatureTrainingOptions Tiny = new() { Epochs = 3, BatchSize = 32, Seed = 3, ValidationFraction = 0.25 };

    [Fact]
    public void Reaches_high_validation_accuracy_on_synthetic_data()
    {
        var data = Sat4SyntheticGenerator.Generate(600, 5UL);

        var result = new Sat4FeatureTrainer(Tiny).Train(data);
        using var model = result.Model;

        Assert.Equal(450, result.TrainCount);
        Assert.Equal(150, result.ValidationCount);
        Assert.Equal(3, result.History.Count);
        Assert.True(result.ValidationAccuracy > 0.9, $"validation accuracy {result.ValidationAccuracy}; history {string.Join(" | ", result.History)}");
        // Training lowered the loss below chance level (ln 4 = 1.386 for four balanced classes).
        Assert.True(result.ValidationLoss < 0.5, $"validation loss {result.ValidationLoss}");
        Assert.True(result.History[^1].TrainLoss < result.History[0].TrainLoss);
        Assert.Equal(result.ValidationAccuracy, result.History[^1].ValidationAccuracy);
        // The confusion matrix counts every validation patch once, and its diagonal is the accuracy.
        var confusion = result.ValidationConfusion;
        Assert.Equal(150, confusion.Sum(row => row.Sum()));
        Assert.Equal(result.ValidationAccuracy, (double)Enumerable.Range(0, 4).Sum(c => confusion[c][c]) / 150, 12);
        Assert.All(result.ValidationClassAccuracy, a => Assert.InRange(a, 0.0, 1.0));
    }

    [Fact]
    public void An_untrained_network_is_near_chance_so_the_accuracy_check_can_fail()
    {
        var data = Sat4SyntheticGenerator.Generate(200, 5UL);
        using var model = new Sat4FeatureNetwork();
        using (var generator = new TorchSharp.torch.Generator(3))
        {
            model.ResetParameters(generator);
        }
        var (_, accuracy) = Sat4FeatureTrainer.Evaluate(model, data, Enumerable.Range(0, 200).ToArray());
        Assert.True(accuracy < 0.6, $"untrained accuracy {accuracy}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_model_and_another_seed_a_different_one()
    {
        var data = Sat4SyntheticGenerator.Generate(120, 9UL);
        var options = Tiny with { Epochs = 1 };
        var metadata = new Dictionary<string, string>();

        byte[] Run(int seed)
        {
            var result = new Sat4FeatureTrainer(options with { Seed = seed }).Train(data);
            using var model = result.Model;
            return Sat4FeatureOnnx.Export(model, metadata);
        }

        var first = Run(1);
        Assert.Equal(first, Run(1));
        Assert.NotEqual(first, Run(2));
    }

    [Fact]
    public void The_network_is_small_and_the_features_are_128_dimensional()
    {
        using var model = new Sat4FeatureNetwork();
        Assert.Equal(188_644, model.ParameterCount);
        var features = Sat4FeatureTrainer.ExtractFeatures(model, RandomInput(2 * 3136, seed: 1), 2);
        Assert.Equal(2 * 128, features.Length);
        Assert.All(features, f => Assert.True(f >= 0f)); // ReLU output
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public void Onnx_export_matches_torchsharp_to_1e5(int batch)
    {
        TorchSharp.torch.manual_seed(17);
        using var model = new Sat4FeatureNetwork();
        RandomizeBatchNorms(model, 23);
        var bytes = Sat4FeatureOnnx.Export(model, new Dictionary<string, string> { ["seed"] = "17" });
        var input = RandomInput(batch * 3136, seed: 40 + batch);

        var expected = Sat4FeatureTrainer.ExtractFeatures(model, input, batch);
        var (actual, shape) = RunOnnx(bytes, "image", input, [batch, 4, 28, 28]);

        Assert.Equal([batch, 128], shape);
        var diff = MaxAbsDifference(expected, actual);
        Assert.True(diff < 1e-5, $"max |diff| = {diff}");
        Assert.True(expected.Max() > 0.1f); // not a degenerate all-zero comparison
    }

    [Fact]
    public void A_trained_model_exports_with_its_metadata_and_matches_onnx_runtime()
    {
        var data = Sat4SyntheticGenerator.Generate(120, 9UL);
        var result = new Sat4FeatureTrainer(Tiny with { Epochs = 1 }).Train(data);
        using var model = result.Model;
        var bytes = Sat4FeatureOnnx.Export(model, new Dictionary<string, string> { ["seed"] = "3", ["data"] = "synthetic" });
        var parsed = ModelProto.Parser.ParseFrom(bytes);
        var meta = parsed.MetadataProps.ToDictionary(p => p.Key, p => p.Value);

        Assert.Equal("QGan.MLNet", parsed.ProducerName);
        Assert.Equal("QGan.MLNet", meta["producer"]);
        Assert.Equal("128", meta["feature_dim"]);
        Assert.Equal("3", meta["seed"]);
        Assert.Equal("synthetic", meta["data"]);

        var images = new float[10 * 3136];
        data.CopyPatchesChw(Enumerable.Range(0, 10).ToArray(), images);
        var expected = Sat4FeatureTrainer.ExtractFeatures(model, images, 10);
        var (actual, _) = RunOnnx(bytes, "image", images, [10, 4, 28, 28]);
        Assert.True(MaxAbsDifference(expected, actual) < 1e-5);
    }

    [Fact]
    public void Two_epochs_then_resume_to_four_equals_four_straight_and_a_corrupt_checkpoint_is_refused()
    {
        var data = Sat4SyntheticGenerator.Generate(96, 9UL);
        var directory = Directory.CreateTempSubdirectory("qgan-features-resume-").FullName;
        try
        {
            var checkpoint = Path.Combine(directory, "checkpoint.bin");
            var options = Tiny with { Epochs = 4, BatchSize = 16 };
            var metadata = new Dictionary<string, string>();
            byte[] straight;
            using (var model = new Sat4FeatureTrainer(options).Train(data).Model)
            {
                straight = Sat4FeatureOnnx.Export(model, metadata);
            }
            using (new Sat4FeatureTrainer(options with { Epochs = 2, CheckpointPath = checkpoint }).Train(data).Model)
            {
            }
            var resumedResult = new Sat4FeatureTrainer(options with { CheckpointPath = checkpoint }).Train(data, resume: true);
            using (var model = resumedResult.Model)
            {
                Assert.Equal(straight, Sat4FeatureOnnx.Export(model, metadata));
            }
            Assert.Equal([1, 2, 3, 4], resumedResult.History.Select(h => h.Epoch));

            var other = new Sat4FeatureTrainer(options with { Seed = 4, CheckpointPath = checkpoint });
            Assert.Contains("different configuration", Assert.Throws<InvalidDataException>(() => other.Train(data, resume: true)).Message);
            var bytes = File.ReadAllBytes(checkpoint);
            bytes[bytes.Length / 2] ^= 0x10;
            File.WriteAllBytes(checkpoint, bytes);
            var corrupt = Assert.Throws<InvalidDataException>(() => new Sat4FeatureTrainer(options with { CheckpointPath = checkpoint }).Train(data, resume: true));
            Assert.Contains(checkpoint, corrupt.Message);
            Assert.Contains("checksum mismatch", corrupt.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(0, 32, 0.2, "Epochs")]
    [InlineData(1, 1, 0.2, "BatchSize")]
    [InlineData(1, 32, 1.0, "ValidationFraction")]
    public void Bad_options_are_rejected(int epochs, int batch, double validation, string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => new Sat4FeatureTrainer(
            new Sat4FeatureTrainingOptions { Epochs = epochs, BatchSize = batch, ValidationFraction = validation }));
        Assert.Contains(name, ex.Message);
    }

    [Fact]
    public void Too_few_patches_for_the_split_are_rejected()
    {
        var data = Sat4SyntheticGenerator.Generate(2, 1UL);
        var ex = Assert.Throws<ArgumentException>(() => new Sat4FeatureTrainer(Tiny).Train(data));
        Assert.Contains("fewer than 2 for training", ex.Message);
    }
}
