using QGan.MLNet.Transforms.Evaluation;

namespace QGan.MLNet.Transforms.Tests.Evaluation;

public sealed class NumericCsvTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qgan-csv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Reads_rows_with_whitespace_crlf_and_a_trailing_newline()
    {
        var path = Write("ok.csv", "1, 2.5 ,-3e-2\r\n4,5,6\r\n\r\n");

        var rows = NumericCsv.ReadRows(path).ToList();

        Assert.Equal(2, rows.Count);
        Assert.Equal(new[] { 1, 2.5, -0.03 }, rows[0]);
        Assert.Equal(new double[] { 4, 5, 6 }, rows[1]);
    }

    [Theory]
    [InlineData("1,2,3\n4,5\n", "row 2 has 2 values, expected 3")]
    [InlineData("1,2,3\n4,x,6\n", "row 2, field 2: 'x' is not a number")]
    [InlineData("1,2,3\n4,,6\n", "row 2, field 2 is empty")]
    [InlineData("1,2,3\n4,NaN,6\n", "row 2, field 2: 'NaN' is not a finite number")]
    [InlineData("1,2,3\n\n4,5,6\n", "row 2 is empty")]
    [InlineData("", "has no rows")]
    [InlineData("\n\n", "has no rows")]
    public void Bad_feature_files_name_the_file_and_row(string content, string message)
    {
        var path = Write("bad.csv", content);

        var ex = Assert.Throws<InvalidDataException>(() => NumericCsv.ReadRows(path).ToList());

        Assert.Contains(path, ex.Message);
        Assert.Contains(message, ex.Message);
    }

    [Theory]
    [InlineData("0,255,12.0\n1,256,3\n", "row 2, field 2: 256 is outside 0..255")]
    [InlineData("0,-1,12\n", "row 1, field 2: -1 is outside 0..255")]
    [InlineData("0,1.5,12\n", "row 1, field 2: '1.5' is not an integer")]
    public void Bad_intensity_files_name_the_file_row_and_field(string content, string message)
    {
        var path = Write("img.csv", content);

        var ex = Assert.Throws<InvalidDataException>(() => NumericCsv.ReadByteRows(path).ToList());

        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void Missing_file_is_reported_before_reading()
    {
        var path = Path.Combine(_dir, "missing.csv");
        var ex = Assert.Throws<FileNotFoundException>(() => NumericCsv.ReadRows(path));
        Assert.Contains(path, ex.Message);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
