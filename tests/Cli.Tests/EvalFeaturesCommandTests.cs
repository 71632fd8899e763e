using QGan.MLNet.Tests.Shared;
using QGan.MLNet.Transforms.Csv;
using QGan.MLNet.Transforms.Evaluation;
using QGan.MLNet.Transforms.Features;

namespace QGan.MLNet.Cli.Tests;

public sealed class EvalFeaturesCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qgan-features-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Model => Fixtures.Path("onnx", "tiny-features.onnx");

    [Fact]
    public void Writes_the_same_features_as_the_library_and_feeds_eval_fid()
    {
        var images = Fixtures.Path("fid", "jsd-a.csv");
        var output = Path.Combine(_dir, "features.csv");

        var result = QganProcess.Run("eval", "features", "--model", Model, "--images", images, "--out", output,
            "--size", "32", "--range", "-1,1", "--batch", "7");

        Assert.True(result.ExitCode == 0, result.StdErr);
        var written = NumericCsv.ReadRows(output).ToArray();
        using var extractor = new OnnxFeatureExtractor(new OnnxFeatureExtractorOptions
        {
            ModelPath = Model,
            TargetHeight = 32,
            TargetWidth = 32,
        }.WithInputRange(-1, 1));
        var expected = extractor.Extract(NumericCsv.ReadByteRows(images).Select(hwc =>
        {
            var chw = new float[hwc.Length];
            ChannelsLastImage.ToChw(hwc, 4, chw);
            return chw;
        }).ToArray());
        Assert.Equal(40, written.Length);
        for (var r = 0; r < expected.Length; r++)
        {
            Assert.Equal(expected[r], written[r].Select(v => (float)v)); // shortest round-trip text: exact
        }

        var fid = QganProcess.Run("eval", "fid", "--a", output, "--b", output);
        Assert.Equal(0, fid.ExitCode);
        Assert.Contains("\"fid\":", fid.StdOut);
    }

    [Fact]
    public void Inception_preset_rejects_a_model_with_another_signature_and_writes_nothing()
    {
        var output = Path.Combine(_dir, "features.csv");

        var result = QganProcess.Run("eval", "features", "--model", Model, "--images", Fixtures.Path("fid", "jsd-a.csv"),
            "--out", output, "--preset", "inception");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{Model}: input 'images' has height 32", result.StdErr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_bad_image_row_fails_and_leaves_an_existing_output_untouched()
    {
        var good = File.ReadLines(Fixtures.Path("fid", "jsd-a.csv")).Take(2).ToList();
        var images = Path.Combine(_dir, "images.csv");
        File.WriteAllLines(images, [.. good, "300" + good[0][good[0].IndexOf(',', StringComparison.Ordinal)..]]);
        var output = Path.Combine(_dir, "features.csv");
        File.WriteAllText(output, "previous");

        var result = QganProcess.Run("eval", "features", "--model", Model, "--images", images, "--out", output,
            "--size", "32", "--batch", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{images}: row 3, column 1: 300 is outside 0..255", result.StdErr);
        Assert.Equal("previous", File.ReadAllText(output));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Theory]
    [InlineData("--bands", "0,x", "--bands '0,x'")]
    [InlineData("--range", "1,0", "--range '1,0'")]
    [InlineData("--bands", "0,1,7", "Band index 7")]
    public void Bad_flags_are_input_errors(string flag, string value, string message)
    {
        var result = QganProcess.Run("eval", "features", "--model", Model, "--images", Fixtures.Path("fid", "jsd-a.csv"),
            "--out", Path.Combine(_dir, "f.csv"), flag, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StdErr);
        Assert.False(File.Exists(Path.Combine(_dir, "f.csv")));
    }
}
