using System.Text;
using QGan.MLNet.Transforms.Csv;

namespace QGan.MLNet.Transforms.Tests.Csv;

/// <summary>The one numeric CSV rule set (docs/data.md), for every reader of it.</summary>
public sealed class NumericCsvTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qgan-csv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Reads_rows_with_whitespace_crlf_a_bom_and_trailing_blank_lines()
    {
        var path = Write("ok.csv", "\uFEFF1, 2.5 ,-3e-2\r\n4,\t5,+6.\r\n\r\n  \n");

        Assert.Equal([[1, 2.5, -0.03], [4, 5, 6]], NumericCsv.ReadRows(path).ToList());
        Assert.Equal([[1f, 2.5f, -0.03f], [4f, 5f, 6f]], NumericCsv.ReadFloatRows(path, 3).ToList());
    }

    [Theory]
    [InlineData("1,2,3\n4,5\n", "row 2: 2 values, expected 3 (the width of the first row)")]
    [InlineData("1,2,3\n4,x,6\n", "row 2, column 2: 'x' is not a number")]
    [InlineData("1,2,3\n4,,6\n", "row 2, column 2: empty value")]
    [InlineData("1,2,3\n4,NaN,6\n", "row 2, column 2: 'NaN' is not a finite number")]
    [InlineData("1,2,3\n4,-Infinity,6\n", "row 2, column 2: '-Infinity' is not a finite number")]
    [InlineData("1,2,3\n4,1e400,6\n", "row 2, column 2: '1e400' is not a finite number")]
    [InlineData("1,2,3\n4,\"5\",6\n", "row 2, column 2: '\"5\"' is not a number")]
    [InlineData("1,2,3\n4,1 000,6\n", "row 2, column 2: '1 000' is not a number")]
    [InlineData("1,2,3\n4,5;6\n", "row 2: 2 values, expected 3")]
    [InlineData("a,b,c\n1,2,3\n", "row 1, column 1: 'a' is not a number")]
    [InlineData("1,2,3\n\n4,5,6\n", "row 2: blank line inside the data (blank lines may only end the file)")]
    [InlineData("", "the file has no rows")]
    [InlineData("\n \n", "the file has no rows")]
    public void Bad_files_name_the_file_row_and_column(string content, string message)
    {
        var path = Write("bad.csv", content);

        var ex = Assert.Throws<InvalidDataException>(() => NumericCsv.ReadRows(path).ToList());

        Assert.Equal($"{path}: {message}", ex.Message[..Math.Min(ex.Message.Length, path.Length + 2 + message.Length)]);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("-3e-2")]
    [InlineData("+6.")]
    [InlineData(".5")]
    [InlineData(" 2.5 ")]
    [InlineData("\t7")]
    [InlineData("1E+05")]
    [InlineData("0.1000000000000000055511151231257827")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("4.9e-324")]
    [InlineData("2e-400")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e400")]
    [InlineData("inf")]
    [InlineData("1 000")]
    [InlineData("0x10")]
    [InlineData("1_0")]
    [InlineData("1e")]
    [InlineData("e5")]
    [InlineData("--1")]
    [InlineData("1.2.3")]
    [InlineData("1d")]
    [InlineData("\u0663")]
    public void Numbers_are_exactly_what_invariant_double_and_float_parsing_accept(string text)
    {
        var path = Write("n.csv", text + "\n");
        var trimmed = text.Trim(' ', '\t');
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var style = System.Globalization.NumberStyles.Float;

        if (double.TryParse(trimmed, style, inv, out var d) && double.IsFinite(d))
        {
            Assert.Equal(d, NumericCsv.ReadRows(path).Single()[0]);
        }
        else
        {
            Assert.Throws<InvalidDataException>(() => NumericCsv.ReadRows(path).ToList());
        }
        if (float.TryParse(trimmed, style, inv, out var f) && float.IsFinite(f))
        {
            Assert.Equal(f, NumericCsv.ReadFloatRows(path).Single()[0]);
        }
        else
        {
            Assert.Throws<InvalidDataException>(() => NumericCsv.ReadFloatRows(path).ToList());
        }
    }

    [Fact]
    public void A_known_width_is_checked_from_the_first_row_and_named()
    {
        var path = Write("w.csv", "1,2\n");
        var ex = Assert.Throws<InvalidDataException>(() => NumericCsv.ReadFloatRows(path, 3, "the decoder's latent size").ToList());
        Assert.Equal($"{path}: row 1: 2 values, expected 3 (the decoder's latent size)", ex.Message);
    }

    [Theory]
    [InlineData("0,255,12.0\n1,256,3\n", "row 2, column 2: 256 is outside 0..255")]
    [InlineData("0,-1,12\n", "row 1, column 2: -1 is outside 0..255")]
    [InlineData("0,1.5,12\n", "row 1, column 2: '1.5' is not an integer")]
    [InlineData("0,1e1,12\n", "row 1, column 2: '1e1' is not an integer")]
    [InlineData("0, ,12\n", "row 1, column 2: empty value")]
    public void Bad_intensity_files_name_the_file_row_and_column(string content, string message)
    {
        var path = Write("img.csv", content);

        var ex = Assert.Throws<InvalidDataException>(() => NumericCsv.ReadByteRows(path).ToList());

        Assert.Equal($"{path}: {message}", ex.Message);
    }

    [Fact]
    public void Intensities_allow_an_all_zero_fraction_and_spaces()
    {
        var path = Write("img.csv", " 0 ,255.00,+7\n");
        Assert.Equal([[0, 255, 7]], NumericCsv.ReadByteRows(path).ToList());
    }

    [Fact]
    public void Floats_and_doubles_round_trip_bit_for_bit()
    {
        float[][] floats = [[0.1f, -1f / 3f, float.Epsilon], [1e-30f, -0.99999994f, float.MaxValue]];
        double[][] doubles = [[0.1, -1.0 / 3, double.Epsilon], [1e-300, Math.PI, double.MaxValue]];
        var f = Path.Combine(_dir, "f.csv");
        var d = Path.Combine(_dir, "d.csv");

        NumericCsv.Write(f, floats);
        NumericCsv.Write(d, doubles);

        Assert.Equal(floats, NumericCsv.ReadFloatRows(f, 3).ToArray());
        Assert.Equal(doubles, NumericCsv.ReadRows(d, 3).ToArray());
        Assert.Equal(File.ReadAllText(d), NumericCsv.Format(doubles));
        Assert.DoesNotContain("\r", File.ReadAllText(f));
        Assert.False(File.ReadAllBytes(f).AsSpan().StartsWith(Encoding.UTF8.Preamble));
    }

    [Fact]
    public void Byte_rows_stream_with_their_line_numbers()
    {
        var path = Write("b.csv", "1,2\n3,4\n");
        var seen = new List<(long Line, byte[] Values)>();

        var rows = NumericCsv.ForEachByteRow(path, 2, null, (line, values) => seen.Add((line, values.ToArray())));

        Assert.Equal(2, rows);
        Assert.Equal([1L, 2L], seen.Select(s => s.Line));
        Assert.Equal([[1, 2], [3, 4]], seen.Select(s => s.Values));
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
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }
}
