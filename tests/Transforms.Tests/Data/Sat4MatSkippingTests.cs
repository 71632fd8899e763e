using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Data.Mat;
using QGan.MLNet.Transforms.Data.Synthetic;

namespace QGan.MLNet.Transforms.Tests.Data;

/// <summary>Reading one split of a file skips the other split's variables by seeking, without reading their bytes.</summary>
public sealed class Sat4MatSkippingTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reading_the_test_split_does_not_read_the_train_bytes(bool compress)
    {
        var data = new Sat4DataSet(
            [Sat4SyntheticGenerator.Generate(600, seed: 1, "train"), Sat4SyntheticGenerator.Generate(5, seed: 2, "test")], null, "s");
        var file = new MemoryStream();
        Sat4MatWriter.Write(data, file, new Sat4MatWriteOptions { Compress = compress });
        var counting = new ReadCountingStream(new MemoryStream(file.ToArray()));

        var test = Sat4MatReader.Read(counting, "two-splits.mat", "test");

        Sat4Assert.SameContent(data["test"], test["test"]);
        var trainBytes = 600L * Sat4Schema.PixelCount;
        Assert.True(counting.BytesRead < file.Length - trainBytes / 2,
            $"read {counting.BytesRead} of {file.Length} bytes: the train pixels were not skipped");
    }

    private sealed class ReadCountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            BytesRead += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
