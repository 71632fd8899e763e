using QGan.MLNet.Tests.Shared.Data;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Data.Mat;

namespace QGan.MLNet.Transforms.Tests.Data;

public sealed class MatV5RoundTripTests
{
    private static readonly Sat4DataSet _fixture = Sat4MatReader.Read(Sat4Expected.MatPath);

    [Theory]
    [InlineData(false, false, Sat4MatLabelLayout.ClassesByPatchesDouble)]
    [InlineData(true, false, Sat4MatLabelLayout.ClassesByPatchesDouble)]
    [InlineData(false, true, Sat4MatLabelLayout.ClassesByPatchesDouble)]
    [InlineData(true, true, Sat4MatLabelLayout.PatchesByClassesUInt8)]
    [InlineData(false, false, Sat4MatLabelLayout.PatchesByClassesUInt8)]
    public void Written_files_read_back_identically(bool compress, bool bigEndian, Sat4MatLabelLayout layout)
    {
        using var dir = new TempDir();
        var path = dir.File("copy.mat");

        Sat4MatWriter.Write(_fixture, path, new Sat4MatWriteOptions { Compress = compress, BigEndian = bigEndian, LabelLayout = layout });
        var back = Sat4MatReader.Read(path);

        Sat4Assert.SameContent(_fixture, back);
        Assert.Equal(Sat4Schema.ClassNames, back.DeclaredClassNames);
        Assert.Equal(bigEndian ? "MAT v5 (big-endian)" : "MAT v5 (little-endian)", back.Source);
    }

    [Fact]
    public void Big_endian_file_really_differs_from_little_endian_but_decodes_the_same()
    {
        var little = new MemoryStream();
        var big = new MemoryStream();
        Sat4MatWriter.Write(_fixture, little, new Sat4MatWriteOptions());
        Sat4MatWriter.Write(_fixture, big, new Sat4MatWriteOptions { BigEndian = true });

        Assert.Equal((byte)'I', little.ToArray()[126]);
        Assert.Equal((byte)'M', big.ToArray()[126]);
        Assert.NotEqual(little.ToArray(), big.ToArray());
        big.Position = 0;
        Sat4Assert.SameContent(_fixture, Sat4MatReader.Read(big, "big.mat"));
    }

    [Fact]
    public void A_4x4_label_array_is_disambiguated_by_its_class()
    {
        // Four patches, labels 0..3 but placed so that reading 4xN as Nx4 (or the reverse) gives other labels.
        var patches = new byte[4 * Sat4Schema.PixelCount];
        var split = new Sat4Split("train", patches, [1, 3, 0, 2]);
        var data = new Sat4DataSet([split], null, "test");
        foreach (var layout in new[] { Sat4MatLabelLayout.ClassesByPatchesDouble, Sat4MatLabelLayout.PatchesByClassesUInt8 })
        {
            var stream = new MemoryStream();
            Sat4MatWriter.Write(data, stream, new Sat4MatWriteOptions { LabelLayout = layout });
            stream.Position = 0;

            Assert.Equal([1, 3, 0, 2], Sat4MatReader.Read(stream, "four.mat")["train"].Labels);
        }
    }

    [Fact]
    public void Labels_stored_in_a_narrower_type_than_their_class_are_decoded()
    {
        // MATLAB stores a double array of small integers as miUINT8 to save space.
        var stream = new MemoryStream();
        var writer = new MatV5Writer(stream);
        writer.WriteUInt8("train_x", [28, 28, 4, 2], new byte[2 * Sat4Schema.PixelCount], compress: false);
        writer.WriteNumeric("train_y", MatArrayClass.Double, [4, 2], [0, 0, 1, 0, 0, 0, 0, 1], MatDataType.UInt8, compress: true);
        stream.Position = 0;

        Assert.Equal([2, 3], Sat4MatReader.Read(stream, "narrow.mat")["train"].Labels);
    }

    [Fact]
    public void Pixels_stored_as_double_are_accepted_when_integral()
    {
        var values = Enumerable.Range(0, Sat4Schema.PixelCount).Select(i => (double)(i % 256)).ToArray();
        var stream = new MemoryStream();
        var writer = new MatV5Writer(stream, bigEndian: true);
        writer.WriteNumeric("train_x", MatArrayClass.Double, [28, 28, 4], values, MatDataType.Double, compress: false);
        writer.WriteNumeric("train_y", MatArrayClass.Double, [4, 1], [0, 1, 0, 0], MatDataType.Double, compress: false);
        stream.Position = 0;

        var split = Sat4MatReader.Read(stream, "double.mat")["train"];

        Assert.Equal(1, split.Count);
        // Column-major source index of (row 5, col 7, ch 2) is 5 + 28*7 + 784*2.
        Assert.Equal((5 + 28 * 7 + 784 * 2) % 256, split.GetPixel(0, 5, 7, 2));
    }
}
