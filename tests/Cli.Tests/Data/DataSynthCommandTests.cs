using System.Text.Json;

namespace QGan.MLNet.Cli.Tests.Data;

public sealed class DataSynthCommandTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("qgan-cli-synth");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Writes_a_png_folder_that_inspects_to_the_requested_count_and_is_reproducible()
    {
        var a = Path.Combine(_root.FullName, "a");
        var b = Path.Combine(_root.FullName, "b");

        var first = QganProcess.Run("data", "synth", "--count", "60", "--seed", "3", "--out", a);
        var second = QganProcess.Run("data", "synth", "--count", "60", "--seed", "3", "--out", b);

        Assert.True(first.ExitCode == 0, first.StdErr);
        Assert.True(second.ExitCode == 0, second.StdErr);
        var reportA = QganProcess.Run("data", "inspect", a).StdOut;
        using var doc = JsonDocument.Parse(reportA);
        Assert.Equal(60, doc.RootElement.GetProperty("train").GetProperty("count").GetInt32());
        Assert.Equal(reportA, QganProcess.Run("data", "inspect", b).StdOut);
        Assert.True(File.Exists(Path.Combine(a, "preview.png")));
        Assert.Empty(Directory.GetDirectories(_root.FullName, ".*")); // no temporary folders left behind
    }

    [Fact]
    public void Refuses_to_overwrite_a_non_empty_folder_without_force_and_replaces_it_with_force()
    {
        var dir = Path.Combine(_root.FullName, "existing");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "keep.txt"), "precious");

        var refused = QganProcess.Run("data", "synth", "--count", "8", "--out", dir);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--force", refused.StdErr);
        Assert.True(File.Exists(Path.Combine(dir, "keep.txt")));

        var forced = QganProcess.Run("data", "synth", "--count", "8", "--out", dir, "--force");

        Assert.True(forced.ExitCode == 0, forced.StdErr);
        Assert.False(File.Exists(Path.Combine(dir, "keep.txt")));
        Assert.Equal(8, Directory.GetFiles(dir, "*.png", SearchOption.AllDirectories).Length - 1); // + preview.png
    }

    [Fact]
    public void Rejects_a_non_positive_count_without_writing_anything()
    {
        var dir = Path.Combine(_root.FullName, "never");

        var result = QganProcess.Run("data", "synth", "--count", "0", "--out", dir);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--count", result.StdErr);
        Assert.False(Directory.Exists(dir));
    }
}
