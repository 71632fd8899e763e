using QGan.MLNet.Tests.Shared.Data;
using QGan.MLNet.Transforms.Data.Csv;

namespace QGan.MLNet.Transforms.Tests.Data;

/// <summary>Edited copies of the fixture CSV pair: every error names the file and the 1-based row.</summary>
public sealed class Sat4CsvBadInputTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string[] _x = File.ReadAllLines(Sat4Expected.CsvPath("test"));
    private readonly string[] _y = File.ReadAllLines(QGan.MLNet.Tests.Shared.Fixtures.Path("sat4", "y_test_sat4mini.csv"));

    public void Dispose() => _dir.Dispose();

    private (string X, string Y) Write(string[] x, string[] y)
    {
        var xPath = _dir.File("X_test_bad.csv");
        File.WriteAllLines(xPath, x);
        File.WriteAllLines(_dir.File("y_test_bad.csv"), y);
        return (xPath, _dir.File("y_test_bad.csv"));
    }

    private static string Fails(string xPath)
    {
        var ex = Assert.Throws<InvalidDataException>(() => Sat4CsvReader.Read(xPath));
        return ex.Message;
    }

    private string[] EditX(int row, Func<string[], string[]> edit)
    {
        var copy = (string[])_x.Clone();
        copy[row - 1] = string.Join(',', edit(copy[row - 1].Split(',')));
        return copy;
    }

    [Fact]
    public void Row_with_too_few_values_is_reported()
    {
        var (x, _) = Write(EditX(5, v => v[..^1]), _y);

        Assert.Equal($"{x}: row 5: 3135 values, expected 3136 (28x28x4)", Fails(x));
    }

    [Fact]
    public void Row_with_too_many_values_is_reported()
    {
        var (x, _) = Write(EditX(12, v => [.. v, "7"]), _y);

        Assert.Equal($"{x}: row 12: 3137 values, expected 3136 (28x28x4)", Fails(x));
    }

    [Fact]
    public void Value_above_255_is_reported_with_its_column()
    {
        var (x, _) = Write(EditX(3, v => { v[10] = "256"; return v; }), _y);

        Assert.Equal($"{x}: row 3, column 11: 256 is outside 0..255", Fails(x));
    }

    [Fact]
    public void Negative_value_is_reported()
    {
        var (x, _) = Write(EditX(50, v => { v[0] = "-1"; return v; }), _y);

        Assert.Equal($"{x}: row 50, column 1: -1 is outside 0..255", Fails(x));
    }

    [Theory]
    [InlineData("12.5", "'12.5' is not an integer")]
    [InlineData("abc", "'abc' is not an integer")]
    [InlineData("", "empty value")]
    [InlineData("1e2", "'1e2' is not an integer")]
    public void Non_integer_value_is_reported(string value, string problem)
    {
        var (x, _) = Write(EditX(7, v => { v[3135] = value; return v; }), _y);

        Assert.Equal($"{x}: row 7, column 3136: {problem}", Fails(x));
    }

    [Fact]
    public void Integral_decimal_values_are_accepted()
    {
        var (x, _) = Write(EditX(1, v => { v[0] = v[0] + ".0"; return v; }), _y);

        Assert.Equal(50, Sat4CsvReader.Read(x).Splits[0].Count);
    }

    [Theory]
    [InlineData("1,1,0,0")]
    [InlineData("0,0,0,0")]
    [InlineData("0,2,0,0")]
    public void Label_row_that_is_not_one_hot_is_reported(string row)
    {
        var y = (string[])_y.Clone();
        y[9] = row;
        var (x, yPath) = Write(_x, y);

        Assert.StartsWith($"{yPath}: row 10: labels [", Fails(x));
    }

    [Fact]
    public void Label_row_with_wrong_width_is_reported()
    {
        var y = (string[])_y.Clone();
        y[0] = "0,1,0";
        var (x, yPath) = Write(_x, y);

        Assert.Equal($"{yPath}: row 1: 3 values, expected 4 (one-hot label)", Fails(x));
    }

    [Fact]
    public void More_pixel_rows_than_label_rows_is_reported()
    {
        var (x, _) = Write(_x, _y[..^1]);

        Assert.Equal($"{x}: row 50: more pixel rows than the 49 label rows of y_test_bad.csv", Fails(x));
    }

    [Fact]
    public void Fewer_pixel_rows_than_label_rows_is_reported()
    {
        var (x, _) = Write(_x[..^2], _y);

        Assert.Equal($"{x}: row 49: file ends after 48 pixel rows but y_test_bad.csv has 50 label rows", Fails(x));
    }

    [Fact]
    public void Missing_label_file_is_reported()
    {
        var xPath = _dir.File("X_lonely.csv");
        File.WriteAllLines(xPath, _x);

        var ex = Assert.Throws<FileNotFoundException>(() => Sat4CsvReader.Read(xPath));

        Assert.Contains("y_lonely.csv", ex.Message);
    }

    [Fact]
    public void Pixel_file_not_named_x_is_refused()
    {
        var path = _dir.File("patches.csv");
        File.WriteAllLines(path, _x);

        Assert.Contains("X_<name>.csv", Assert.Throws<ArgumentException>(() => Sat4CsvReader.Read(path)).Message);
    }
}
