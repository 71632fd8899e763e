using QGan.MLNet.Tests.Shared.Data;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Data.Mat;

namespace QGan.MLNet.Transforms.Tests.Data;

public sealed class Sat4MatReaderTests
{
    private static readonly Sat4Expected _expected = Sat4Expected.Load();

    [Theory]
    [InlineData("sat4mini.mat")]
    [InlineData("sat4mini-compressed.mat")]
    public void Reads_every_reference_number_of_both_splits(string file)
    {
        var data = Sat4MatReader.Read(QGan.MLNet.Tests.Shared.Fixtures.Path("sat4", file));

        Assert.Equal(["train", "test"], data.Splits.Select(s => s.Name));
        Sat4Assert.MatchesExpected(_expected.Splits["train"], data["train"]);
        Sat4Assert.MatchesExpected(_expected.Splits["test"], data["test"]);
    }

    [Theory]
    [InlineData("sat4mini.mat")]
    [InlineData("sat4mini-compressed.mat")]
    public void Reports_the_annotations_as_the_class_names(string file)
    {
        var data = Sat4MatReader.Read(QGan.MLNet.Tests.Shared.Fixtures.Path("sat4", file));

        Assert.Equal(_expected.ClassNames, data.DeclaredClassNames);
        Assert.Equal(["Other", "none"], data.Annotations![3]);
        Assert.True(data.AnnotationsMatchSchema);
        Assert.Equal(Sat4Schema.ClassNames, _expected.ClassNames);
    }

    [Fact]
    public void Plain_and_compressed_files_hold_identical_data()
    {
        var plain = Sat4MatReader.Read(Sat4Expected.MatPath);
        var compressed = Sat4MatReader.Read(Sat4Expected.CompressedMatPath);

        Sat4Assert.SameContent(plain, compressed);
    }

    [Fact]
    public void Reading_one_split_skips_the_other()
    {
        var test = Sat4MatReader.Read(Sat4Expected.CompressedMatPath, "test");

        Assert.Equal(["test"], test.Splits.Select(s => s.Name));
        Sat4Assert.MatchesExpected(_expected.Splits["test"], test["test"]);
    }
}
