using System.Text.Json;
using QGan.MLNet.Tests.Shared;

namespace QGan.MLNet.Cli.Tests;

public sealed class EvalCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qgan-eval-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static JsonElement Expected { get; } =
        JsonDocument.Parse(File.ReadAllText(Fixtures.Path("fid", "expected.json"))).RootElement;

    [Theory]
    [InlineData("gauss64", 1e-6)]
    [InlineData("fewer-rows-than-dims", 1e-4)]
    public void Fid_prints_one_json_object_matching_the_reference(string set, double relativeTolerance)
    {
        var result = QganProcess.Run("eval", "fid", "--a", Fixtures.Path("fid", $"{set}-a.csv"), "--b", Fixtures.Path("fid", $"{set}-b.csv"));

        Assert.True(result.ExitCode == 0, result.StdErr);
        using var json = JsonDocument.Parse(result.StdOut);
        Assert.Single(json.RootElement.EnumerateObject());
        var fid = json.RootElement.GetProperty("fid").GetDouble();
        var reference = Expected.GetProperty(set).GetProperty("fid").GetDouble();
        Assert.True(Math.Abs(fid - reference) <= relativeTolerance * reference, $"{fid:R} vs {reference:R}");
    }

    [Fact]
    public void Fid_of_a_file_with_itself_is_zero_and_singular_sets_warn_on_stderr()
    {
        var gauss = QganProcess.Run("eval", "fid", "--a", Fixtures.Path("fid", "gauss64-a.csv"), "--b", Fixtures.Path("fid", "gauss64-a.csv"));
        var fewer = QganProcess.Run("eval", "fid", "--a", Fixtures.Path("fid", "fewer-rows-than-dims-a.csv"), "--b", Fixtures.Path("fid", "fewer-rows-than-dims-b.csv"));

        Assert.True(gauss.ExitCode == 0, gauss.StdErr);
        Assert.True(Math.Abs(JsonDocument.Parse(gauss.StdOut).RootElement.GetProperty("fid").GetDouble()) < 1e-8);
        Assert.Equal("", gauss.StdErr);
        Assert.Equal(0, fewer.ExitCode);
        Assert.Contains("fewer samples (40) than feature dimensions (64)", fewer.StdErr);
    }

    [Fact]
    public void Jsd_prints_mean_and_per_channel_matching_the_reference()
    {
        var result = QganProcess.Run("eval", "jsd", "--a", Fixtures.Path("fid", "jsd-a.csv"), "--b", Fixtures.Path("fid", "jsd-b.csv"));

        Assert.True(result.ExitCode == 0, result.StdErr);
        var root = JsonDocument.Parse(result.StdOut).RootElement;
        Assert.Equal(Expected.GetProperty("jsd").GetProperty("mean").GetDouble(), root.GetProperty("jsd").GetDouble(), 1e-9);
        var expected = Expected.GetProperty("jsd").GetProperty("per_channel").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var actual = root.GetProperty("per_channel").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(4, actual.Length);
        for (var c = 0; c < 4; c++)
        {
            Assert.Equal(expected[c], actual[c], 1e-9);
        }
    }

    [Theory]
    [InlineData("fid", "1,2\n3,4\n5\n", "row 3: 1 values, expected 2 (the width of the first row)")]
    [InlineData("fid", "1,2\n3,abc\n", "row 2, column 2: 'abc' is not a number")]
    [InlineData("fid", "", "has no rows")]
    [InlineData("fid", "1e300,2\n-1e300,4\n0,0\n", "too large for a covariance in double precision")]
    [InlineData("jsd", "0,1,2,3\n4,5,6,300\n", "row 2, column 4: 300 is outside 0..255")]
    [InlineData("jsd", "0,1,2,3\n4,5,6,7.5\n", "row 2, column 4: '7.5' is not an integer")]
    [InlineData("jsd", "0,1,2,3\n4,5,6\n", "row 2: 3 values, expected 4")]
    public void Bad_input_fails_with_an_error_naming_the_file_and_row(string metric, string content, string message)
    {
        var bad = Write("bad.csv", content);
        var good = Write("good.csv", metric == "fid" ? "1,2\n2,1\n0,0\n" : "0,1,2,3\n4,5,6,7\n");

        var result = QganProcess.Run("eval", metric, "--a", good, "--b", bad);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StdOut);
        Assert.Contains($"{bad}: ", result.StdErr);
        Assert.Contains(message, result.StdErr);
    }

    [Fact]
    public void Different_dimensions_between_the_files_are_an_error()
    {
        var a = Write("a.csv", "1,2\n2,1\n0,0\n");
        var b = Write("b.csv", "1,2,3\n2,1,0\n");

        var result = QganProcess.Run("eval", "fid", "--a", a, "--b", b);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{a} has 2, {b} has 3", result.StdErr);
    }

    [Fact]
    public void Missing_file_or_option_fails_without_output()
    {
        var missing = QganProcess.Run("eval", "fid", "--a", Path.Combine(_dir, "none.csv"), "--b", Path.Combine(_dir, "none.csv"));
        var noB = QganProcess.Run("eval", "jsd", "--a", Fixtures.Path("fid", "jsd-a.csv"));

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("none.csv: file not found", missing.StdErr);
        Assert.NotEqual(0, noB.ExitCode);
        Assert.False(noB.StdOut.TrimStart().StartsWith('{'), "no JSON result may be printed");
        Assert.Contains("--b", noB.StdErr);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
