using System.Globalization;
using QGan.MLNet.Tests.Shared;
using QGan.MLNet.Transforms.Csv;
using QGan.MLNet.Transforms.Evaluation;
using QGan.MLNet.Transforms.Features;

namespace QGan.MLNet.Cli.Tests;

/// <summary>Contract of <c>qgan train-features</c> and of <c>qgan eval features --preset sat4</c>.</summary>
public sealed class TrainFeaturesCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qgan-train-features-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string ShippedModel => Path.Combine(Fixtures.RepoRoot, "models", "sat4-features", "features.onnx");

    [Fact]
    public void Writes_the_model_the_per_epoch_metrics_and_the_description()
    {
        var outDir = Path.Combine(_dir, "out");

        var result = QganProcess.Run("train-features", "--synthetic", "300", "--epochs", "2", "--seed", "5",
            "--batch-size", "32", "--out", outDir);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(["checkpoint.bin", "features.json", "features.onnx", "metrics.csv"],
            Directory.GetFiles(outDir).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray());
        var metrics = File.ReadAllLines(Path.Combine(outDir, "metrics.csv"));
        Assert.Equal("epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,seconds", metrics[0]);
        Assert.Equal(3, metrics.Length);
        Assert.StartsWith("2,", metrics[2]);

        var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "features.json"))).RootElement;
        Assert.Equal("qgan-sat4-features/1", json.GetProperty("format").GetString());
        Assert.Equal(5, json.GetProperty("training").GetProperty("seed").GetInt32());
        Assert.Equal(2, json.GetProperty("training").GetProperty("epochs").GetInt32());
        Assert.Equal(60, json.GetProperty("data").GetProperty("validation_count").GetInt32());
        var accuracy = json.GetProperty("validation_accuracy").GetDouble();
        // The accuracy in the description is the last epoch's validation accuracy in metrics.csv.
        Assert.Equal(accuracy, double.Parse(metrics[2].Split(',')[4], CultureInfo.InvariantCulture));
        Assert.Contains(FormattableString.Invariant($"validation accuracy {accuracy:P2}"), result.StdOut);
        Assert.Contains("per class: barren land ", result.StdOut);
        var confusion = json.GetProperty("validation_confusion");
        Assert.Equal(4, confusion.GetArrayLength());
        Assert.Equal(60, confusion.EnumerateArray().Sum(row => row.EnumerateArray().Sum(v => v.GetInt64())));

        // The written model is a valid feature space for the preset.
        using var extractor = new OnnxFeatureExtractor(OnnxFeatureExtractorOptions.Sat4FeatureNetwork(Path.Combine(outDir, "features.onnx")));
        Assert.Equal(128, extractor.FeatureDimension);
    }

    [Fact]
    public void Resume_continues_a_run_to_the_model_of_an_uninterrupted_one_and_follows_the_resume_rule()
    {
        string[] Args(string outDir, int epochs, params string[] extra) =>
            ["train-features", "--synthetic", "120", "--epochs", epochs.ToString(CultureInfo.InvariantCulture), "--seed", "5", "--batch-size", "16", "--out", outDir, .. extra];
        var straight = Path.Combine(_dir, "straight");
        var resumed = Path.Combine(_dir, "resumed");

        Assert.Equal(0, QganProcess.Run(Args(straight, 2)).ExitCode);
        var started = QganProcess.Run(Args(resumed, 1, "--resume"));
        Assert.True(started.ExitCode == 0, started.StdErr);
        Assert.Contains("--resume: no checkpoint at", started.StdOut);
        var refused = QganProcess.Run(Args(resumed, 2));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("already holds a training run", refused.StdErr);
        var continued = QganProcess.Run(Args(resumed, 2, "--resume"));

        Assert.True(continued.ExitCode == 0, continued.StdErr);
        Assert.DoesNotContain("epoch 1/2", continued.StdOut);
        Assert.Contains("epoch 2/2", continued.StdOut);
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, "features.onnx")), File.ReadAllBytes(Path.Combine(resumed, "features.onnx")));
        Assert.Equal(File.ReadAllLines(Path.Combine(straight, "metrics.csv")).Select(l => l[..l.LastIndexOf(',')]),
            File.ReadAllLines(Path.Combine(resumed, "metrics.csv")).Select(l => l[..l.LastIndexOf(',')])); // all but the seconds
    }

    [Theory]
    [InlineData("sat4mini.mat", "test")]
    [InlineData("X_train_sat4mini.csv", null)]
    public void Trains_on_a_labelled_data_file_and_records_its_source(string file, string? split)
    {
        var outDir = Path.Combine(_dir, "out");
        string[] splitArgs = split is null ? [] : ["--split", split];

        var result = QganProcess.Run(["train-features", "--data", Fixtures.Path("sat4", file), .. splitArgs,
            "--epochs", "1", "--batch-size", "16", "--out", outDir]);

        Assert.True(result.ExitCode == 0, result.StdErr);
        var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "features.json"))).RootElement;
        var description = json.GetProperty("data").GetProperty("description").GetString()!;
        Assert.StartsWith(file, description);
        Assert.Contains($"({split ?? "train"} split", description);
        Assert.Equal(json.GetProperty("data").GetProperty("count").GetInt32(),
            json.GetProperty("data").GetProperty("train_count").GetInt32() + json.GetProperty("data").GetProperty("validation_count").GetInt32());
    }

    [Theory]
    [InlineData(new[] { "--synthetic", "50", "--data", "x.mat" }, "give exactly one of --data PATH or --synthetic N")]
    [InlineData(new string[0], "give exactly one of --data PATH or --synthetic N")]
    [InlineData(new[] { "--synthetic", "50", "--epochs", "0" }, "Epochs must be at least 1")]
    [InlineData(new[] { "--synthetic", "50", "--validation", "1.5" }, "ValidationFraction must be in [0, 1)")]
    [InlineData(new[] { "--synthetic", "50", "--lr", "-1" }, "LearningRate must be positive")]
    [InlineData(new[] { "--data", "missing.mat" }, "missing.mat: no such file or folder")]
    public void Bad_input_exits_2_with_a_clear_message_and_writes_nothing(string[] args, string message)
    {
        var outDir = Path.Combine(_dir, "out");

        var result = QganProcess.RunIn(_dir, ["train-features", .. args, "--out", outDir]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StdErr);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void A_corrupt_data_file_names_the_file_and_writes_nothing()
    {
        var bad = Path.Combine(_dir, "X_train.csv");
        File.WriteAllText(bad, "1,2,3\n");
        var outDir = Path.Combine(_dir, "out");

        var result = QganProcess.Run("train-features", "--data", bad, "--out", outDir);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("X_train.csv", result.StdErr);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Eval_features_with_the_sat4_preset_writes_the_shipped_models_features()
    {
        var images = Fixtures.Path("fid", "jsd-a.csv");
        var output = Path.Combine(_dir, "features.csv");

        var result = QganProcess.Run("eval", "features", "--model", ShippedModel, "--preset", "sat4", "--images", images, "--out", output);

        Assert.True(result.ExitCode == 0, result.StdErr);
        var written = NumericCsv.ReadRows(output).ToArray();
        using var extractor = new OnnxFeatureExtractor(OnnxFeatureExtractorOptions.Sat4FeatureNetwork(ShippedModel));
        var expected = extractor.Extract(NumericCsv.ReadByteRows(images).Select(hwc =>
        {
            var chw = new float[hwc.Length];
            ChannelsLastImage.ToChw(hwc, 4, chw);
            return chw;
        }).ToArray());
        Assert.Equal(expected.Length, written.Length);
        Assert.All(written, row => Assert.Equal(128, row.Length));
        for (var r = 0; r < expected.Length; r++)
        {
            Assert.Equal(expected[r], written[r].Select(v => (float)v));
        }
    }

    [Fact]
    public void Eval_features_with_the_sat4_preset_rejects_another_model_and_writes_nothing()
    {
        var output = Path.Combine(_dir, "features.csv");
        var encoder = Path.Combine(Fixtures.RepoRoot, "models", "sat4-synthetic", "encoder.onnx");

        var result = QganProcess.Run("eval", "features", "--model", encoder, "--preset", "sat4",
            "--images", Fixtures.Path("fid", "jsd-a.csv"), "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(encoder, result.StdErr);
        Assert.False(File.Exists(output));
    }
}
