using System.Buffers.Binary;
using System.Text;
using QGan.MLNet.Tests.Shared.Data;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Data.Mat;

namespace QGan.MLNet.Transforms.Tests.Data;

/// <summary>Corrupt variants of the fixtures and hand-written files: every error names the file and the variable.</summary>
public sealed class Sat4MatBadInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Variant(string name, byte[] bytes)
    {
        var path = _dir.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static InvalidDataException ReadFails(string path)
    {
        var ex = Assert.Throws<InvalidDataException>(() => Sat4MatReader.Read(path));
        Assert.StartsWith(path + ": ", ex.Message);
        return ex;
    }

    [Theory]
    [InlineData("sat4mini.mat", 0.5)]
    [InlineData("sat4mini.mat", 0.99)]
    [InlineData("sat4mini-compressed.mat", 0.5)]
    [InlineData("sat4mini-compressed.mat", 0.1)]
    public void Truncated_file_names_the_variable_and_says_truncated(string fixture, double keep)
    {
        var bytes = File.ReadAllBytes(QGan.MLNet.Tests.Shared.Fixtures.Path("sat4", fixture));
        var path = Variant("cut.mat", bytes[..(int)(bytes.Length * keep)]);

        var ex = ReadFails(path);

        Assert.Contains("truncated", ex.Message);
        Assert.Matches(@": (train|test)_[xy]|annotations: ", ex.Message);
    }

    [Fact]
    public void File_shorter_than_the_header_is_reported()
    {
        var path = Variant("tiny.mat", Encoding.ASCII.GetBytes("MATLAB 5.0 MAT-file"));

        Assert.Contains("header: file has 19 bytes", ReadFails(path).Message);
    }

    [Fact]
    public void Flipped_byte_inside_compressed_pixel_data_is_detected()
    {
        var bytes = File.ReadAllBytes(Sat4Expected.CompressedMatPath);
        bytes[128 + 8 + 200_000] ^= 0x5A; // inside train_x's zlib stream (~540 kB)

        var ex = ReadFails(Variant("flipped.mat", bytes));

        Assert.Contains(": train_x: corrupt compressed data", ex.Message);
    }

    [Fact]
    public void Flipped_bit_in_the_zlib_checksum_is_detected_so_silent_corruption_cannot_pass()
    {
        var bytes = File.ReadAllBytes(Sat4Expected.CompressedMatPath);
        var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(128 + 4));
        bytes[128 + 8 + size - 1] ^= 0x01; // last byte of train_x's Adler-32

        var ex = ReadFails(Variant("adler.mat", bytes));

        Assert.Contains(": train_x: corrupt compressed data", ex.Message);
    }

    [Fact]
    public void Corrupt_endian_indicator_is_reported_in_the_header()
    {
        var bytes = File.ReadAllBytes(Sat4Expected.MatPath);
        bytes[126] = (byte)'X';

        Assert.Contains("header: endian indicator", ReadFails(Variant("endian.mat", bytes)).Message);
    }

    [Fact]
    public void Corrupt_element_type_is_reported_with_its_offset()
    {
        var bytes = File.ReadAllBytes(Sat4Expected.MatPath);
        bytes[128] = 0x07; // miMATRIX (14) -> miSINGLE (7)

        Assert.Contains("element at byte 128: top-level element has type 7", ReadFails(Variant("type.mat", bytes)).Message);
    }

    [Fact]
    public void Corrupt_array_flags_subelement_names_the_element()
    {
        var bytes = File.ReadAllBytes(Sat4Expected.MatPath);
        bytes[136 + 4] = 0x10; // array-flags byte count 8 -> 16

        Assert.Contains("array flags subelement", ReadFails(Variant("flags.mat", bytes)).Message);
    }

    [Fact]
    public void Wrong_channel_dimension_is_reported_for_the_variable()
    {
        var bytes = File.ReadAllBytes(Sat4Expected.MatPath);
        var nameOffset = bytes.AsSpan().IndexOf("train_x"u8);
        var channelDim = nameOffset - 8 - 16 + 8; // dims data precede the name tag: 28, 28, 4, N
        Assert.Equal(4, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(channelDim)));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(channelDim), 3);

        var ex = ReadFails(Variant("dims.mat", bytes));

        Assert.Contains(": train_x: array is 28x28x3x200 uint8, expected 28x28x4xN uint8", ex.Message);
    }

    [Fact]
    public void Missing_label_variable_is_named()
    {
        var path = WriteMat(w => w.WriteUInt8("train_x", [28, 28, 4, 2], new byte[2 * 3136], compress: false));

        Assert.Contains(": train_y: missing variable", ReadFails(path).Message);
    }

    [Fact]
    public void File_without_sat4_variables_lists_what_it_has()
    {
        var path = WriteMat(w => w.WriteNumeric("weights", MatArrayClass.Double, [1, 3], [1, 2, 3], MatDataType.Double, compress: true));

        var ex = ReadFails(path);

        Assert.Contains("train_x, test_x: missing variable", ex.Message);
        Assert.Contains("weights", ex.Message);
    }

    [Fact]
    public void Label_count_different_from_patch_count_is_reported()
    {
        var path = WriteMat(w =>
        {
            w.WriteUInt8("train_x", [28, 28, 4, 3], new byte[3 * 3136], compress: false);
            w.WriteNumeric("train_y", MatArrayClass.Double, [4, 2], [1, 0, 0, 0, 0, 1, 0, 0], MatDataType.Double, compress: false);
        });

        Assert.Contains(": train_y: 2 labels but train_x holds 3 patches", ReadFails(path).Message);
    }

    [Theory]
    [InlineData(new double[] { 0, 1, 1, 0 })]
    [InlineData(new double[] { 0, 0, 0, 0 })]
    [InlineData(new double[] { 0, 0.5, 0, 0.5 })]
    public void Label_that_is_not_one_hot_names_the_patch(double[] second)
    {
        var path = WriteMat(w =>
        {
            w.WriteUInt8("test_x", [28, 28, 4, 2], new byte[2 * 3136], compress: true);
            w.WriteNumeric("test_y", MatArrayClass.Double, [4, 2], [1, 0, 0, 0, .. second], MatDataType.Double, compress: true);
        });

        Assert.Contains(": test_y: patch 1: labels", ReadFails(path).Message);
    }

    [Fact]
    public void Label_array_of_wrong_shape_is_reported()
    {
        var path = WriteMat(w =>
        {
            w.WriteUInt8("train_x", [28, 28, 4, 2], new byte[2 * 3136], compress: false);
            w.WriteNumeric("train_y", MatArrayClass.Double, [3, 2], [1, 0, 0, 0, 1, 0], MatDataType.Double, compress: false);
        });

        Assert.Contains(": train_y: array is 3x2 double, expected one-hot labels", ReadFails(path).Message);
    }

    [Fact]
    public void Pixel_values_outside_uint8_are_reported()
    {
        var values = new double[3136];
        values[100] = 300;
        var path = WriteMat(w =>
        {
            w.WriteNumeric("train_x", MatArrayClass.Double, [28, 28, 4], values, MatDataType.Double, compress: false);
            w.WriteNumeric("train_y", MatArrayClass.Double, [4, 1], [1, 0, 0, 0], MatDataType.Double, compress: false);
        });

        Assert.Contains(": train_x: patch 0: value 300 is not an integer in 0..255", ReadFails(path).Message);
    }

    [Fact]
    public void Data_shorter_than_the_dimensions_is_reported()
    {
        var path = WriteMat(w =>
        {
            w.WriteUInt8("train_x", [28, 28, 4, 2], new byte[3136], compress: false);
            w.WriteNumeric("train_y", MatArrayClass.Double, [4, 2], [1, 0, 0, 0, 1, 0, 0, 0], MatDataType.Double, compress: false);
        });

        Assert.Contains(": train_x: pixel data holds 3136 bytes but 28x28x4x2", ReadFails(path).Message);
    }

    [Fact]
    public void Version_7_3_files_are_refused_with_how_to_resave()
    {
        var header = new byte[1024];
        Encoding.ASCII.GetBytes("MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Jan  1 00:00:00 2024 HDF5 schema 1.00 .").CopyTo(header, 0);
        new byte[] { 0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(header, 512);
        var path = Variant("v73.mat", header);

        var ex = Assert.Throws<NotSupportedException>(() => Sat4MatReader.Read(path));

        Assert.StartsWith(path + ": ", ex.Message);
        Assert.Contains("save(..., '-v7')", ex.Message);
        Assert.Contains("scipy.io.savemat", ex.Message);
    }

    [Fact]
    public void Plain_hdf5_file_is_refused_as_v7_3()
    {
        var path = Variant("plain.h5", [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]);

        Assert.Contains("v7.3", Assert.Throws<NotSupportedException>(() => Sat4MatReader.Read(path)).Message);
    }

    [Fact]
    public void Text_file_is_not_a_mat_file()
    {
        var path = Variant("notes.mat", Encoding.ASCII.GetBytes(new string('x', 200)));

        Assert.Contains("header: not a MATLAB MAT-file", ReadFails(path).Message);
    }

    private string WriteMat(Action<MatV5Writer> write)
    {
        var path = _dir.File($"written-{Guid.NewGuid():N}.mat");
        using (var stream = File.Create(path))
        {
            write(new MatV5Writer(stream));
        }
        return path;
    }
}
