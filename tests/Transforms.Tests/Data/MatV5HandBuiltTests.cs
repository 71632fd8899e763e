using System.Buffers.Binary;
using System.Text;
using QGan.MLNet.Transforms.Data.Mat;

namespace QGan.MLNet.Transforms.Tests.Data;

/// <summary>
/// MAT v5 files assembled byte by byte from the format specification (independent of <see cref="MatV5Writer"/>), to
/// check the reader's big-endian handling and small data elements against the spec rather than against our own writer.
/// </summary>
public sealed class MatV5HandBuiltTests
{
    private const int MiInt8 = 1, MiUInt8 = 2, MiInt32 = 5, MiUInt32 = 6, MiDouble = 9, MiMatrix = 14, MiUtf8 = 16;
    private const int MxCell = 1, MxChar = 4, MxDouble = 6, MxUInt8 = 9;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Spec_built_file_decodes_in_either_byte_order(bool bigEndian)
    {
        var file = new Spec(bigEndian);
        // train_x: 28x28x4x1 uint8 where the column-major element k holds k % 251.
        file.Matrix(MxUInt8, [28, 28, 4, 1], "train_x", body =>
            body.Element(MiUInt8, Enumerable.Range(0, 3136).Select(k => (byte)(k % 251)).ToArray()));
        // train_y: 4x1 double, one-hot for class 2.
        file.Matrix(MxDouble, [4, 1], "train_y", body =>
            body.Element(MiDouble, [.. new double[] { 0, 0, 1, 0 }.SelectMany(body.Double)]));
        // annotations: 1x1 cell holding 'none', stored as a small data element (4 bytes inside the tag).
        file.Matrix(MxCell, [1, 1], "annotations", cell =>
            cell.Nested(MxChar, [1, 4], "", text => text.SmallElement(MiUtf8, Encoding.ASCII.GetBytes("none"))));

        var data = Sat4MatReader.Read(new MemoryStream(file.ToArray()), "spec.mat");

        var split = data["train"];
        Assert.Equal([2], split.Labels);
        // (row 3, col 5, channel 2) is column-major element 3 + 28*5 + 784*2.
        Assert.Equal((3 + 28 * 5 + 784 * 2) % 251, split.GetPixel(0, 3, 5, 2));
        Assert.Equal((27 + 28 * 27 + 784 * 3) % 251, split.GetPixel(0, 27, 27, 3));
        Assert.Equal("none", Assert.Single(Assert.Single(data.Annotations!)));
        Assert.Equal(bigEndian ? "MAT v5 (big-endian)" : "MAT v5 (little-endian)", data.Source);
    }

    [Fact]
    public void Annotations_as_a_char_matrix_give_one_name_per_row()
    {
        var file = new Spec(bigEndian: false);
        file.Matrix(MxUInt8, [28, 28, 4, 1], "test_x", body => body.Element(MiUInt8, new byte[3136]));
        file.Matrix(MxDouble, [4, 1], "test_y", body => body.Element(MiDouble, [.. new double[] { 0, 0, 0, 1 }.SelectMany(body.Double)]));
        // 4x11 char matrix, rows padded with spaces, stored column-major: character (r, c) at r + 4c.
        string[] rows = ["barren land", "trees      ", "grassland  ", "none       "];
        var columnMajor = new byte[44];
        for (var r = 0; r < 4; r++)
        {
            for (var c = 0; c < 11; c++)
            {
                columnMajor[r + 4 * c] = (byte)rows[r][c];
            }
        }
        file.Matrix(MxChar, [4, 11], "annotations", body => body.Element(MiUtf8, columnMajor));

        var data = Sat4MatReader.Read(new MemoryStream(file.ToArray()), "chars.mat");

        Assert.Equal(["barren land", "trees", "grassland", "none"], data.DeclaredClassNames);
        Assert.True(data.AnnotationsMatchSchema);
        Assert.Equal([3], data["test"].Labels);
    }

    /// <summary>Minimal spec-level MAT v5 assembler used only by these tests.</summary>
    private sealed class Spec
    {
        private readonly bool _big;
        private readonly MemoryStream _out = new();

        public Spec(bool bigEndian, MemoryStream? target = null)
        {
            _big = bigEndian;
            if (target is not null)
            {
                _out = target;
                return;
            }
            var header = new byte[128];
            Array.Fill(header, (byte)' ', 0, 116);
            Encoding.ASCII.GetBytes("MATLAB 5.0 MAT-file, hand built").CopyTo(header, 0);
            Array.Clear(header, 116, 8);
            // Version 0x0100 and the characters 'M','I' written as one 16-bit value in the file's byte order.
            if (_big)
            {
                header[124] = 0x01; header[125] = 0x00; header[126] = (byte)'M'; header[127] = (byte)'I';
            }
            else
            {
                header[124] = 0x00; header[125] = 0x01; header[126] = (byte)'I'; header[127] = (byte)'M';
            }
            _out.Write(header);
        }

        public byte[] ToArray() => _out.ToArray();

        public IEnumerable<byte> Double(double v)
        {
            var b = new byte[8];
            if (_big) BinaryPrimitives.WriteDoubleBigEndian(b, v); else BinaryPrimitives.WriteDoubleLittleEndian(b, v);
            return b;
        }

        private byte[] U32(uint v)
        {
            var b = new byte[4];
            if (_big) BinaryPrimitives.WriteUInt32BigEndian(b, v); else BinaryPrimitives.WriteUInt32LittleEndian(b, v);
            return b;
        }

        public void Element(int type, byte[] payload)
        {
            _out.Write(U32((uint)type));
            _out.Write(U32((uint)payload.Length));
            _out.Write(payload);
            _out.Write(new byte[(8 - payload.Length % 8) % 8]);
        }

        public void SmallElement(int type, byte[] payload)
        {
            _out.Write(U32(((uint)payload.Length << 16) | (uint)type));
            var data = new byte[4];
            payload.CopyTo(data, 0);
            _out.Write(data);
        }

        public void Matrix(int cls, int[] dims, string name, Action<Spec> content)
        {
            var body = new Spec(_big, new MemoryStream());
            body.Element(MiUInt32, [.. U32((uint)cls), .. U32(0)]);
            body.Element(MiInt32, dims.SelectMany(d => U32((uint)d)).ToArray());
            body.Element(MiInt8, Encoding.ASCII.GetBytes(name));
            content(body);
            var bytes = body.ToArray();
            _out.Write(U32(MiMatrix));
            _out.Write(U32((uint)bytes.Length));
            _out.Write(bytes);
        }

        public void Nested(int cls, int[] dims, string name, Action<Spec> content) => Matrix(cls, dims, name, content);
    }
}
