using System.Text;
using QGan.MLNet.Tests.Shared.Data;

namespace QGan.MLNet.Cli.Tests.Data;

/// <summary>Bad input through the CLI: exit code 2, one clear line on stderr naming file and place, nothing on stdout.</summary>
public sealed class DataErrorExitTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("qgan-cli-errors");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Csv_with_a_short_row_reports_file_and_row()
    {
        var lines = File.ReadAllLines(Sat4Expected.CsvPath("test"));
        lines[2] = lines[2][..lines[2].LastIndexOf(',')];
        var x = Path.Combine(_dir.FullName, "X_test_bad.csv");
        File.WriteAllLines(x, lines);
        File.Copy(QGan.MLNet.Tests.Shared.Fixtures.Path("sat4", "y_test_sat4mini.csv"), Path.Combine(_dir.FullName, "y_test_bad.csv"));

        var result = QganProcess.Run("data", "inspect", x);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StdOut);
        Assert.Equal($"error: {x}: row 3: 3135 values, expected 3136 (28x28x4)", result.StdErr.Trim());
    }

    [Fact]
    public void Mat_v7_3_file_is_refused_with_how_to_resave()
    {
        var header = new byte[600];
        Encoding.ASCII.GetBytes("MATLAB 7.3 MAT-file, Platform: GLNXA64, HDF5 schema 1.00 .").CopyTo(header, 0);
        var path = Path.Combine(_dir.FullName, "sat-4-full.mat");
        File.WriteAllBytes(path, header);

        var result = QganProcess.Run("data", "inspect", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StdOut);
        Assert.Contains("save(..., '-v7')", result.StdErr);
    }

    [Fact]
    public void Export_of_a_corrupt_source_leaves_no_output_folder()
    {
        var bytes = File.ReadAllBytes(Sat4Expected.CompressedMatPath);
        bytes[^1] ^= 0x01; // Adler-32 of the last variable
        var path = Path.Combine(_dir.FullName, "corrupt.mat");
        File.WriteAllBytes(path, bytes);
        var output = Path.Combine(_dir.FullName, "out");

        var result = QganProcess.Run("data", "export", path, "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("corrupt.mat: annotations: corrupt compressed data", result.StdErr);
        Assert.False(Directory.Exists(output));
        Assert.Single(_dir.GetFileSystemInfos()); // only the input: no temporary folder left behind
    }
}
