using System.Buffers.Binary;
using System.IO.Compression;

namespace QGan.MLNet.Transforms.Tests.Data;

/// <summary>
/// Minimal valid PNG files of any colour type and bit depth, built by hand (signature, IHDR, PLTE for palettes,
/// one zlib IDAT of unfiltered rows, IEND, each chunk with its CRC-32), for reader tests.
/// </summary>
internal static class PngBytes
{
    public static byte[] Build(int width, int height, byte bitDepth, byte colourType, byte fill = 100)
    {
        int channels = colourType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => throw new ArgumentOutOfRangeException(nameof(colourType)) };
        int rowBytes = (width * channels * bitDepth + 7) / 8;
        var raw = new byte[height * (1 + rowBytes)];
        for (int y = 0; y < height; y++)
        {
            raw.AsSpan(y * (1 + rowBytes) + 1, rowBytes).Fill(colourType == 3 ? (byte)0 : fill); // filter 0, then pixels
        }
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = bitDepth;
        header[9] = colourType;
        Chunk(png, "IHDR", header);
        if (colourType == 3)
        {
            Chunk(png, "PLTE", [fill, fill, fill]);
        }
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        png.Write(typeBytes);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32([.. typeBytes, .. data]));
        png.Write(word);
    }

    private static uint Crc32(byte[] bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }
}
