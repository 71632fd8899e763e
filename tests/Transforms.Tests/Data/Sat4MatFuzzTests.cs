using System.Buffers.Binary;
using QGan.MLNet.Tests.Shared.Data;
using QGan.MLNet.Transforms.Data.Mat;

namespace QGan.MLNet.Transforms.Tests.Data;

/// <summary>
/// Robustness: random corruption of the structural bytes (element tags, array flags, dimensions, names) and random
/// truncation must either still read or fail with the project's located <see cref="InvalidDataException"/> — never an
/// IndexOutOfRange, NullReference, overflow or out-of-memory from inside the parser.
/// </summary>
public sealed class Sat4MatFuzzTests
{
    private static readonly byte[] _plain = File.ReadAllBytes(Sat4Expected.MatPath);
    private static readonly byte[] _compressed = File.ReadAllBytes(Sat4Expected.CompressedMatPath);

    [Fact]
    public void Flipped_structural_bytes_never_escape_as_anything_but_a_located_data_error()
    {
        var starts = ElementStarts(_plain);
        var random = new Random(1234);
        for (var trial = 0; trial < 300; trial++)
        {
            var bytes = (byte[])_plain.Clone();
            var flips = random.Next(1, 4);
            for (var f = 0; f < flips; f++)
            {
                // Element headers are the 8-byte tag plus flags, dims and name: the first ~64 bytes of each element.
                var start = starts[random.Next(starts.Count)];
                var offset = start + random.Next(64);
                bytes[offset] ^= (byte)(1 << random.Next(8));
            }
            AssertReadsOrFailsCleanly(bytes, $"trial {trial}");
        }
    }

    [Fact]
    public void Flipped_tag_bytes_of_compressed_elements_never_escape_as_anything_but_a_located_data_error()
    {
        var starts = ElementStarts(_compressed);
        var random = new Random(4321);
        for (var trial = 0; trial < 60; trial++)
        {
            var bytes = (byte[])_compressed.Clone();
            var offset = starts[random.Next(starts.Count)] + random.Next(10); // tag + zlib header
            bytes[offset] ^= (byte)(1 << random.Next(8));
            AssertReadsOrFailsCleanly(bytes, $"trial {trial}, byte {offset}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Random_truncation_always_fails_cleanly(bool compressed)
    {
        var source = compressed ? _compressed : _plain;
        var random = new Random(99);
        for (var trial = 0; trial < 60; trial++)
        {
            var cut = random.Next(0, source.Length - 1);
            var ex = Assert.ThrowsAny<Exception>(() => Sat4MatReader.Read(new MemoryStream(source[..cut]), "cut.mat"));
            Assert.True(ex is InvalidDataException && ex.Message.StartsWith("cut.mat: "),
                $"cut at {cut}: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static void AssertReadsOrFailsCleanly(byte[] bytes, string context)
    {
        try
        {
            Sat4MatReader.Read(new MemoryStream(bytes), "fuzz.mat");
        }
        catch (InvalidDataException ex)
        {
            Assert.True(ex.Message.StartsWith("fuzz.mat: "), $"{context}: message not located: {ex.Message}");
        }
        catch (NotSupportedException ex)
        {
            Assert.True(ex.Message.StartsWith("fuzz.mat: "), $"{context}: message not located: {ex.Message}");
        }
        catch (Exception ex)
        {
            Assert.Fail($"{context}: {ex.GetType().Name} escaped: {ex.Message}");
        }
    }

    private static List<int> ElementStarts(byte[] file)
    {
        var starts = new List<int>();
        var position = 128;
        while (position + 8 <= file.Length)
        {
            starts.Add(position);
            position += 8 + BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(position + 4));
        }
        return starts;
    }
}
