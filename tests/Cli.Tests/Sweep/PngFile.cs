using System.Buffers.Binary;
using System.IO.Compression;

namespace QGan.MLNet.Cli.Tests.Sweep;

/// <summary>Minimal PNG reading for checks: signature, size and the inflated scanlines (filter bytes included).</summary>
internal static class PngFile
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    public static bool HasSignature(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return bytes.Length > Signature.Length && bytes.AsSpan(0, Signature.Length).SequenceEqual(Signature);
    }

    public static (int Width, int Height, byte[] Scanlines) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (!HasSignature(path))
        {
            throw new InvalidDataException($"{path} is not a PNG");
        }
        int width = 0, height = 0;
        using var idat = new MemoryStream();
        for (int pos = 8; pos + 8 <= bytes.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(pos));
            var type = System.Text.Encoding.ASCII.GetString(bytes, pos + 4, 4);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(pos + 8));
                height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(pos + 12));
            }
            else if (type == "IDAT")
            {
                idat.Write(bytes, pos + 8, length);
            }
            pos += 12 + length;
        }
        idat.Position = 0;
        using var inflate = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflate.CopyTo(raw);
        return (width, height, raw.ToArray());
    }
}
