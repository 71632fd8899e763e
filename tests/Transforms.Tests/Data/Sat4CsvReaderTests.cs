using QGan.MLNet.Tests.Shared.Data;
using QGan.MLNet.Transforms.Data.Csv;
using QGan.MLNet.Transforms.Data.Mat;

namespace QGan.MLNet.Transforms.Tests.Data;

public sealed class Sat4CsvReaderTests
{
    private static readonly Sat4Expected _expected = Sat4Expected.Load();

    [Theory]
    [InlineData("train")]
    [InlineData("test")]
    public void Reads_every_reference_number_of_the_csv_pair(string split)
    {
        var data = Sat4CsvReader.Read(Sat4Expected.CsvPath(split));

        var only = Assert.Single(data.Splits);
        Assert.Equal(split, only.Name);
        Sat4Assert.MatchesExpected(_expected.Splits[split], only);
    }

    [Theory]
    [InlineData("train")]
    [InlineData("test")]
    public void Csv_and_mat_readers_agree_byte_for_byte(string split)
    {
        var csv = Sat4CsvReader.Read(Sat4Expected.CsvPath(split)).Splits[0];
        var mat = Sat4MatReader.Read(Sat4Expected.MatPath, split)[split];

        Sat4Assert.SameContent(mat, csv);
    }

    [Theory]
    [InlineData("X_train_sat4.csv", "train", "y_train_sat4.csv")]
    [InlineData("X_test_sat4.csv", "test", "y_test_sat4.csv")]
    [InlineData("X_patches.csv", "train", "y_patches.csv")]
    public void Names_the_split_and_finds_the_labels_from_the_file_name(string x, string split, string y)
    {
        Assert.Equal(split, Sat4CsvReader.SplitNameFor(Path.Combine("data", x)));
        Assert.Equal(Path.Combine("data", y), Sat4CsvReader.LabelPathFor(Path.Combine("data", x)));
    }

    [Fact]
    public void Writer_output_reads_back_identically()
    {
        using var dir = new TempDir();
        var original = Sat4MatReader.Read(Sat4Expected.MatPath, "test")["test"];
        var x = dir.File("X_test_copy.csv");

        Sat4CsvWriter.Write(original, x, dir.File("y_test_copy.csv"));

        Sat4Assert.SameContent(original, Sat4CsvReader.Read(x).Splits[0]);
    }
}
