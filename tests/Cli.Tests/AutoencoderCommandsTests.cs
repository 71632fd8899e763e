using QGan.MLNet.Transforms.Onnx;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using QGan.MLNet.Tests.Shared;
using QGan.MLNet.Transforms.Data.Csv;
using QGan.MLNet.Transforms.Data.Synthetic;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;

namespace QGan.MLNet.Cli.Tests;

/// <summary>One small autoencoder trained through the CLI, shared by the encode/decode contract tests.</summary>
public sealed class TrainedModelFixture : IDisposable
{
    public TrainedModelFixture()
    {
        Root = Directory.CreateTempSubdirectory("qgan-cli-ae-").FullName;
        ModelDir = Path.Combine(Root, "model");
        Train = QganProcess.Run("train-ae", "--synthetic", "64", "--epochs", "1", "--arch", "compact", "--batch-size", "16",
            "--schedule", "Constant", "--seed", "3", "--out", ModelDir);

        // Five patches in the Kaggle CSV layout (X_ pixels + y_ labels) to encode.
        DataPath = Path.Combine(Root, "X_probe.csv");
        Sat4CsvWriter.Write(Sat4SyntheticGenerator.Generate(5, 9), DataPath, Path.Combine(Root, "y_probe.csv"));
    }

    public string Root { get; }

    public string ModelDir { get; }

    public string DataPath { get; }

    internal QganProcess.Result Train { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

public sealed class AutoencoderCommandsTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    private string Temp(string name) => Path.Combine(fixture.Root, $"{Guid.NewGuid():N}-{name}");

    private static string[] Lines(string path) => File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();

    [Fact]
    public void Train_ae_writes_models_metrics_description_and_checkpoint()
    {
        Assert.True(fixture.Train.ExitCode == 0, fixture.Train.StdErr);
        foreach (var file in new[] { "encoder.onnx", "decoder.onnx", "metrics.csv", "autoencoder.json", "checkpoint.ckpt" })
        {
            Assert.True(File.Exists(Path.Combine(fixture.ModelDir, file)), file);
        }
        var metrics = Lines(Path.Combine(fixture.ModelDir, "metrics.csv"));
        Assert.Equal("epoch,train_mse,validation_mse,learning_rate,seconds", metrics[0]);
        Assert.Equal(2, metrics.Length);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixture.ModelDir, "autoencoder.json")));
        var quality = json.RootElement.GetProperty("quality");
        Assert.True(quality.GetProperty("mean_image_baseline_mse").GetDouble() > 0);
        Assert.True(quality.GetProperty("validation_mse").GetDouble() > 0);
        Assert.Equal(3, json.RootElement.GetProperty("training").GetProperty("seed").GetInt32());
        Assert.Equal(24, json.RootElement.GetProperty("architecture").GetProperty("latent_size").GetInt32());
        Assert.Contains("validation MSE", fixture.Train.StdOut);
    }

    [Fact]
    public void Train_ae_is_reproducible_across_processes()
    {
        var again = Temp("again");
        var result = QganProcess.Run("train-ae", "--synthetic", "64", "--epochs", "1", "--arch", "compact", "--batch-size", "16",
            "--schedule", "Constant", "--seed", "3", "--out", again);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(File.ReadAllBytes(Path.Combine(fixture.ModelDir, "encoder.onnx")), File.ReadAllBytes(Path.Combine(again, "encoder.onnx")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(fixture.ModelDir, "decoder.onnx")), File.ReadAllBytes(Path.Combine(again, "decoder.onnx")));
    }

    [Fact]
    public void Encode_then_decode_gives_one_row_per_patch_in_the_kaggle_layout()
    {
        var latents = Temp("latents.csv");
        var encode = QganProcess.Run("encode", "--model", fixture.ModelDir, "--data", fixture.DataPath, "--out", latents);
        Assert.True(encode.ExitCode == 0, encode.StdErr);
        var latentRows = Lines(latents).Select(l => l.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal(5, latentRows.Length);
        Assert.All(latentRows, r => Assert.Equal(24, r.Length));
        Assert.All(latentRows.SelectMany(r => r), v => Assert.InRange(v, -1f, 1f));

        var bytesOut = Temp("images.csv");
        var floatsOut = Temp("images-float.csv");
        Assert.Equal(0, QganProcess.Run("decode", "--model", fixture.ModelDir, "--latents", latents, "--out", bytesOut).ExitCode);
        Assert.Equal(0, QganProcess.Run("decode", "--model", fixture.ModelDir, "--latents", latents, "--out", floatsOut, "--float").ExitCode);

        var ints = Lines(bytesOut).Select(l => l.Split(',').Select(int.Parse).ToArray()).ToArray();
        var floats = Lines(floatsOut).Select(l => l.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal(5, ints.Length);
        Assert.All(ints, r => Assert.Equal(3136, r.Length));
        Assert.All(ints.SelectMany(r => r), v => Assert.InRange(v, 0, 255));
        Assert.All(floats.SelectMany(r => r), v => Assert.InRange(v, 0f, 1f));
        for (var i = 0; i < ints.Length; i++)
        {
            for (var k = 0; k < 3136; k++)
            {
                Assert.Equal((int)MathF.Round(floats[i][k] * 255f, MidpointRounding.AwayFromZero), ints[i][k]);
            }
        }

        // Layout: running decoder.onnx directly gives CHW; the CSV row must hold the same values as (H, W, C).
        using var session = new InferenceSession(Path.Combine(fixture.ModelDir, "decoder.onnx"));
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("latent", new DenseTensor(latentRows[2], [1, 24]))]);
        var chw = results.Single().AsTensor<float>().ToArray();
        for (var row = 0; row < 28; row++)
        {
            for (var col = 0; col < 28; col++)
            {
                for (var ch = 0; ch < 4; ch++)
                {
                    Assert.Equal(chw[ch * 784 + row * 28 + col], floats[2][(row * 28 + col) * 4 + ch], 6);
                }
            }
        }
    }

    [Fact]
    public void Encode_reads_the_matlab_file_and_uses_the_requested_split()
    {
        var train = Temp("train.csv");
        var test = Temp("test.csv");
        var mat = Fixtures.Path("sat4", "sat4mini.mat");

        Assert.Equal(0, QganProcess.Run("encode", "--model", fixture.ModelDir, "--data", mat, "--out", train).ExitCode);
        Assert.Equal(0, QganProcess.Run("encode", "--model", fixture.ModelDir, "--data", mat, "--split", "test", "--out", test).ExitCode);

        // sat4mini holds 200 training and 50 test patches (sat4mini.expected.json).
        Assert.Equal(200, Lines(train).Length);
        Assert.Equal(50, Lines(test).Length);
    }

    [Fact]
    public void Decode_names_the_file_and_row_of_a_bad_latent_and_writes_nothing()
    {
        var latents = Temp("bad-latents.csv");
        var good = string.Join(',', Enumerable.Repeat("0.1", 24));
        var bad = string.Join(',', Enumerable.Repeat("0.1", 23).Append("NaN"));
        File.WriteAllLines(latents, [good, good, bad]);
        var output = Temp("never.csv");

        var result = QganProcess.Run("decode", "--model", fixture.ModelDir, "--latents", latents, "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(latents, result.StdErr);
        Assert.Contains("row 3, column 24", result.StdErr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Decode_rejects_rows_of_the_wrong_width()
    {
        var latents = Temp("short.csv");
        File.WriteAllLines(latents, [string.Join(',', Enumerable.Repeat("0", 20))]);

        var result = QganProcess.Run("decode", "--model", fixture.ModelDir, "--latents", latents, "--out", Temp("x.csv"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("row 1: 20 values, expected 24 (the decoder's latent size)", result.StdErr);
    }

    [Fact]
    public void Encode_with_a_model_of_the_wrong_signature_names_the_file_and_tensor()
    {
        var modelDir = Temp("wrong-model");
        Directory.CreateDirectory(modelDir);
        File.Copy(Fixtures.Path("onnx", "tiny-features.onnx"), Path.Combine(modelDir, "encoder.onnx"));
        var output = Temp("latents.csv");

        var result = QganProcess.Run("encode", "--model", modelDir, "--data", fixture.DataPath, "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(Path.Combine(modelDir, "encoder.onnx"), result.StdErr);
        Assert.Contains("'images'", result.StdErr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Encode_with_a_missing_model_fails_cleanly()
    {
        var result = QganProcess.Run("encode", "--model", Temp("nowhere"), "--data", fixture.DataPath, "--out", Temp("l.csv"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("encoder.onnx", result.StdErr);
    }

    [Theory]
    [InlineData("--epochs", "0")]
    [InlineData("--lr", "-1")]
    [InlineData("--batch-size", "1")]
    public void Train_ae_rejects_bad_flags_before_writing_anything(string flag, string value)
    {
        var output = Temp("out");

        var result = QganProcess.Run("train-ae", "--synthetic", "16", flag, value, "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error:", result.StdErr);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Train_ae_needs_exactly_one_data_source()
    {
        var output = Temp("out");
        var both = QganProcess.Run("train-ae", "--synthetic", "16", "--data", fixture.DataPath, "--out", output);
        var none = QganProcess.Run("train-ae", "--out", output);

        Assert.Equal(2, both.ExitCode);
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("--data PATH or --synthetic N", both.StdErr);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Train_ae_resume_continues_the_run_in_the_output_directory()
    {
        var output = Temp("resumable");
        string[] common = ["train-ae", "--synthetic", "40", "--arch", "compact", "--batch-size", "16", "--schedule", "Constant", "--patience", "0", "--out", output];

        Assert.Equal(0, QganProcess.Run([.. common, "--epochs", "1"]).ExitCode);
        var resumed = QganProcess.Run([.. common, "--epochs", "2", "--resume"]);

        Assert.True(resumed.ExitCode == 0, resumed.StdErr);
        Assert.DoesNotContain("epoch 1/2", resumed.StdOut);
        Assert.Contains("epoch 2/2", resumed.StdOut);
        Assert.Equal(3, Lines(Path.Combine(output, "metrics.csv")).Length);
    }

    [Fact]
    public void Train_ae_follows_the_resume_rule_a_new_run_without_a_checkpoint_and_no_overwrite_without_resume()
    {
        var output = Temp("killed-in-first-epoch");
        string[] common = ["train-ae", "--synthetic", "24", "--arch", "compact", "--batch-size", "8", "--epochs", "1", "--out", output];

        // Killed before the first checkpoint: --resume has nothing to continue and starts the run.
        var started = QganProcess.Run([.. common, "--resume"]);
        Assert.True(started.ExitCode == 0, started.StdErr);
        Assert.Contains("--resume: no checkpoint at", started.StdOut);
        Assert.Contains("starting a new run", started.StdOut);
        var checkpoint = File.ReadAllBytes(Path.Combine(output, "checkpoint.ckpt"));

        // A run in --out is not overwritten without --resume.
        var refused = QganProcess.Run(common);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("already holds a training run", refused.StdErr);
        Assert.Contains("--resume", refused.StdErr);
        Assert.Equal(checkpoint, File.ReadAllBytes(Path.Combine(output, "checkpoint.ckpt")));
    }
}
