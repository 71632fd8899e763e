using QGan.MLNet.Tests.Shared.Data;

namespace QGan.MLNet.Cli.Tests.Data;

public sealed class DataExportCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("qgan-cli-export");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Mat_and_csv_exports_inspect_to_the_same_report_as_the_source()
    {
        var source = QganProcess.Run("data", "inspect", Sat4Expected.CsvPath("train"));
        var mat = Path.Combine(_dir.FullName, "from-csv.mat");
        var csv = Path.Combine(_dir.FullName, "csv");

        var toMat = QganProcess.Run("data", "export", Sat4Expected.CsvPath("train"), "--out", mat, "--format", "mat");
        var toCsv = QganProcess.Run("data", "export", mat, "--out", csv, "--format", "csv");

        Assert.True(toMat.ExitCode == 0, toMat.StdErr);
        Assert.True(toCsv.ExitCode == 0, toCsv.StdErr);
        Assert.Equal(source.StdOut, QganProcess.Run("data", "inspect", mat).StdOut);
        Assert.Equal(source.StdOut, QganProcess.Run("data", "inspect", Path.Combine(csv, "X_train.csv")).StdOut);
        Assert.Contains("annotations: BarrenLand / barren land", toCsv.StdOut);
    }

    [Fact]
    public void Existing_mat_file_is_kept_without_force()
    {
        var mat = Path.Combine(_dir.FullName, "keep.mat");
        File.WriteAllText(mat, "precious");

        var result = QganProcess.Run("data", "export", Sat4Expected.MatPath, "--out", mat, "--format", "mat");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("precious", File.ReadAllText(mat));
    }

    [Fact]
    public void Unknown_format_is_rejected()
    {
        var result = QganProcess.Run("data", "export", Sat4Expected.MatPath, "--out", Path.Combine(_dir.FullName, "x"), "--format", "tiff");

        Assert.NotEqual(0, result.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(_dir.FullName, "x")));
    }
}
