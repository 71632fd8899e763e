using QGan.MLNet.Transforms.Onnx;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using QGan.MLNet.Tests.Shared;

namespace QGan.MLNet.Cli.Tests;

/// <summary>
/// One tiny quantum run (12 qubits x 1 layer, 2 iterations on the shipped autoencoder), made once per class with
/// <c>qgan train</c>, then exported and generated from through the CLI as other tools call it.
/// </summary>
public sealed class TinyQuantumRun : IDisposable
{
    public TinyQuantumRun()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("qgan-cli-prod-").FullName;
        RunDirectory = Path.Combine(Directory, "run");
        var train = QganProcess.Run(
            "train", "--generator", "quantum", "--qubits", "12", "--layers", "1", "--critic-hidden", "16", "--iterations", "2",
            "--init-range", "1.0", "--autoencoder", AutoencoderDirectory, "--synthetic", "40", "--out", RunDirectory,
            "--batch-size", "8", "--critic-steps", "1", "--metrics-interval", "2", "--checkpoint-interval", "2", "--held-out", "8");
        if (train.ExitCode != 0)
        {
            throw new InvalidOperationException($"qgan train failed: {train.StdErr}");
        }
    }

    public static string AutoencoderDirectory => Path.Combine(Fixtures.RepoRoot, "models", "sat4-synthetic");

    public string Directory { get; }

    public string RunDirectory { get; }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}

public sealed class ProductionCommandTests(TinyQuantumRun run) : IClassFixture<TinyQuantumRun>
{
    private string Temp(string name) => Path.Combine(run.Directory, $"{Guid.NewGuid():N}-{name}");

    private static string WriteNoise(string path, int rows, int seed)
    {
        var random = new Random(seed);
        var lines = Enumerable.Range(0, rows).Select(_ =>
            string.Join(",", Enumerable.Range(0, 12).Select(_ => (random.NextDouble() * 4 - 2).ToString("R", CultureInfo.InvariantCulture))));
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    [Fact]
    public void Exported_onnx_model_matches_qgan_generate_on_the_same_noise()
    {
        var model = Temp("model.onnx");
        var export = QganProcess.Run("export-onnx", "--model", run.RunDirectory, "--out", model);
        Assert.True(export.ExitCode == 0, export.StdErr);

        var noisePath = WriteNoise(Temp("noise.csv"), rows: 3, seed: 1);
        var imagesPath = Temp("images.csv");
        var generate = QganProcess.Run("generate", "--model", run.RunDirectory, "--noise", noisePath, "--out", imagesPath);
        Assert.True(generate.ExitCode == 0, generate.StdErr);
        var csvImages = File.ReadAllLines(imagesPath)
            .Select(line => line.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal(3, csvImages.Length);
        Assert.All(csvImages, row => Assert.Equal(3136, row.Length));
        Assert.All(csvImages.SelectMany(r => r), v => Assert.InRange(v, 0f, 1f));

        var noise = File.ReadAllLines(noisePath).SelectMany(l => l.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture))).ToArray();
        using var session = new InferenceSession(model);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("noise", new DenseTensor<float>(noise, [3, 12]))]);
        var image = results.Single(r => r.Name == "image").AsTensor<float>();
        double max = 0;
        for (int i = 0; i < 3; i++)
        {
            for (int c = 0; c < 4; c++)
            {
                for (int y = 0; y < 28; y++)
                {
                    for (int x = 0; x < 28; x++)
                    {
                        // CSV: Kaggle layout (28, 28, 4) channels last; ONNX: [N, 4, 28, 28].
                        max = Math.Max(max, Math.Abs(csvImages[i][(y * 28 + x) * 4 + c] - image[i, c, y, x]));
                    }
                }
            }
        }
        Assert.True(max < 1e-4, $"C# path and ONNX model differ by {max}");
    }

    [Theory]
    [InlineData("0.1,0.2\n", "row 1: 2 values, expected 12 (the generator's noise dimension)")]
    [InlineData("1,1,1,1,1,1,1,1,1,1,1,1\n1,1,1,1,1,x,1,1,1,1,1,1\n", "row 2, column 6: 'x' is not a number")]
    [InlineData("1,1,1,1,1,1,1,1,1,1,1,NaN\n", "row 1, column 12: 'NaN' is not a finite number")]
    [InlineData("1,1,1,1,1,1,1,1,1,1,1,1\n\n1,1,1,1,1,1,1,1,1,1,1,1\n", "row 2: blank line inside the data")]
    [InlineData("", "the file has no rows")]
    public void Generate_rejects_bad_noise_rows_naming_file_and_row_and_writes_nothing(string content, string message)
    {
        var noise = Temp("bad-noise.csv");
        File.WriteAllText(noise, content);
        var output = Temp("images.csv");
        var result = QganProcess.Run("generate", "--model", run.RunDirectory, "--noise", noise, "--out", output);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(noise, result.StdErr);
        Assert.Contains(message, result.StdErr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Export_rejects_bad_arguments_without_writing()
    {
        var wrongExtension = Temp("model.bin");
        var bad = QganProcess.Run("export-onnx", "--model", run.RunDirectory, "--out", wrongExtension);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--out must be an .onnx file", bad.StdErr);
        Assert.False(File.Exists(wrongExtension));

        var missing = QganProcess.Run("export-onnx", "--model", Temp("nowhere"), "--out", Temp("m.onnx"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("does not exist", missing.StdErr);

        var target = Temp("m.onnx");
        var noEncoderDir = System.IO.Directory.CreateTempSubdirectory("qgan-cli-prod-ae-").FullName;
        var noDecoder = QganProcess.Run("export-onnx", "--model", run.RunDirectory, "--out", target, "--autoencoder", noEncoderDir);
        Assert.Equal(2, noDecoder.ExitCode);
        Assert.Contains("decoder.onnx", noDecoder.StdErr);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void Serve_refuses_bad_urls_and_missing_models_before_listening()
    {
        var badUrl = QganProcess.Run("serve", "--model", run.RunDirectory, "--urls", "ftp://127.0.0.1:1");
        Assert.Equal(2, badUrl.ExitCode);
        Assert.Contains("--urls: 'ftp://127.0.0.1:1' is not an http(s) URL", badUrl.StdErr);

        var missing = Temp("no-model");
        var noModel = QganProcess.Run("serve", "--model", missing, "--urls", "http://127.0.0.1:1");
        Assert.Equal(2, noModel.ExitCode);
        Assert.Contains(missing, noModel.StdErr);

        var badLimit = QganProcess.Run("serve", "--model", run.RunDirectory, "--max-count", "0");
        Assert.Equal(2, badLimit.ExitCode);
        Assert.Contains("--max-count must be >= 1, got 0", badLimit.StdErr);
    }
}
