using System.Text.Json;
using QGan.MLNet.Tests.Shared;
using QGan.MLNet.Tests.Shared.Data;

namespace QGan.MLNet.Cli.Tests.Data;

public sealed class DataInspectCommandTests
{
    private static readonly Sat4Expected _expected = Sat4Expected.Load();

    [Theory]
    [InlineData("sat4mini.mat")]
    [InlineData("sat4mini-compressed.mat")]
    public void Mat_file_report_equals_the_reference_numbers_of_both_splits(string file)
    {
        var result = QganProcess.Run("data", "inspect", Fixtures.Path("sat4", file));

        Assert.True(result.ExitCode == 0, result.StdErr);
        AssertReport(result.StdOut, "train", "test");
    }

    [Theory]
    [InlineData("train")]
    [InlineData("test")]
    public void Csv_report_names_the_split_after_the_file_and_equals_the_reference(string split)
    {
        var result = QganProcess.Run("data", "inspect", Sat4Expected.CsvPath(split));

        Assert.True(result.ExitCode == 0, result.StdErr);
        AssertReport(result.StdOut, split);
    }

    [Fact]
    public void Exported_png_folder_reports_the_same_numbers_as_its_source()
    {
        var dir = Path.Combine(Path.GetTempPath(), "qgan-cli-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var export = QganProcess.Run("data", "export", Sat4Expected.MatPath, "--out", dir);
            Assert.True(export.ExitCode == 0, export.StdErr);

            var result = QganProcess.Run("data", "inspect", dir);

            Assert.True(result.ExitCode == 0, result.StdErr);
            AssertReport(result.StdOut, "train", "test");
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public void Missing_path_fails_with_exit_2_a_message_and_no_stdout()
    {
        var result = QganProcess.Run("data", "inspect", Path.Combine(Path.GetTempPath(), "no-such-sat4.mat"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StdOut);
        Assert.Contains("no-such-sat4.mat", result.StdErr);
    }

    [Fact]
    public void Corrupt_mat_file_fails_with_exit_2_naming_file_and_variable()
    {
        var dir = Directory.CreateTempSubdirectory("qgan-cli-tests");
        try
        {
            var bytes = File.ReadAllBytes(Sat4Expected.MatPath);
            var truncated = Path.Combine(dir.FullName, "truncated.mat");
            File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);

            var result = QganProcess.Run("data", "inspect", truncated);

            Assert.Equal(2, result.ExitCode);
            Assert.Equal("", result.StdOut);
            Assert.Contains("truncated.mat", result.StdErr);
            Assert.Contains("truncated", result.StdErr.Replace("truncated.mat", ""));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static void AssertReport(string stdout, params string[] splits)
    {
        using var doc = JsonDocument.Parse(stdout); // exactly one JSON document on stdout, nothing else
        Assert.Equal(splits, doc.RootElement.EnumerateObject().Select(p => p.Name));
        foreach (var name in splits)
        {
            var split = doc.RootElement.GetProperty(name);
            var expected = _expected.Splits[name];
            Assert.Equal(["count", "class_counts", "channel_sums"], split.EnumerateObject().Select(p => p.Name));
            Assert.Equal(expected.Count, split.GetProperty("count").GetInt32());
            Assert.Equal(expected.ClassCounts, split.GetProperty("class_counts").EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal(expected.ChannelSums, split.GetProperty("channel_sums").EnumerateArray().Select(e => e.GetInt64()));
        }
    }
}
