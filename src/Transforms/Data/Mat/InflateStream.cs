using System.IO.Compression;

namespace QGan.MLNet.Transforms.Data.Mat;

/// <summary>
/// zlib inflation whose failures say what they mean: the runtime reports corrupt deflate data with messages such as
/// "unsupported compression method"; here they become "corrupt compressed data (...)".
/// </summary>
internal sealed class InflateStream(Stream compressed) : Stream
{
    private readonly ZLibStream _inflate = new(compressed, CompressionMode.Decompress, leaveOpen: true);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return _inflate.Read(buffer);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"corrupt compressed data ({ex.Message})", ex);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inflate.Dispose();
        }
        base.Dispose(disposing);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
