using System.Text;

namespace QGan.MLNet.Transforms.Data.Mat;

/// <summary>The 128-byte header of a MAT v5 file: descriptive text and byte order.</summary>
internal sealed record MatFileHeader(string Text, bool BigEndian)
{
    public const int Size = 128;

    private static readonly byte[] _hdf5Signature = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Reads and checks the header; v7.3 (HDF5) files get an error that says how to re-save them.</summary>
    public static MatFileHeader Read(Stream stream, string file)
    {
        var bytes = new byte[Size];
        var read = stream.ReadAtLeast(bytes, Size, throwOnEndOfStream: false);
        if (read >= 8 && bytes.AsSpan(0, 8).SequenceEqual(_hdf5Signature))
        {
            throw V73(file);
        }
        if (read < Size)
        {
            throw DataErrors.Invalid(file, "header", $"file has {read} bytes, shorter than the 128-byte MAT-file header (truncated?)");
        }
        var text = Encoding.ASCII.GetString(bytes, 0, 116).TrimEnd('\0', ' ');
        if (text.StartsWith("MATLAB 7.3", StringComparison.Ordinal) || IsHdf5At512(stream))
        {
            throw V73(file);
        }
        if (!text.StartsWith("MATLAB", StringComparison.Ordinal))
        {
            throw DataErrors.Invalid(file, "header", "not a MATLAB MAT-file (header text does not start with 'MATLAB')");
        }
        bool bigEndian = (bytes[126], bytes[127]) switch
        {
            ((byte)'I', (byte)'M') => false,
            ((byte)'M', (byte)'I') => true,
            _ => throw DataErrors.Invalid(file, "header",
                $"endian indicator is 0x{bytes[126]:X2}{bytes[127]:X2}, expected 'IM' or 'MI' (corrupt header?)"),
        };
        var version = bigEndian ? (bytes[124] << 8) | bytes[125] : (bytes[125] << 8) | bytes[124];
        if (version != 0x0100)
        {
            throw DataErrors.Invalid(file, "header", $"MAT-file version 0x{version:X4} is not 0x0100 (MAT v5)");
        }
        return new MatFileHeader(text, bigEndian);
    }

    private static NotSupportedException V73(string file) => new(
        $"{file}: header: MATLAB v7.3 (HDF5) MAT-files are not supported; re-save it as v7 with save(..., '-v7') " +
        "in MATLAB or with scipy.io.savemat.");

    private static bool IsHdf5At512(Stream stream)
    {
        // HDF5-based MAT files keep a 512-byte user block (the MATLAB header) before the HDF5 superblock.
        if (!stream.CanSeek || stream.Length < 520)
        {
            return false;
        }
        var position = stream.Position;
        try
        {
            stream.Position = 512;
            Span<byte> signature = stackalloc byte[8];
            return stream.ReadAtLeast(signature, 8, throwOnEndOfStream: false) == 8 && signature.SequenceEqual(_hdf5Signature);
        }
        finally
        {
            stream.Position = position;
        }
    }
}
