using QGan.MLNet.Quantum.Kernels;

namespace QGan.MLNet.Quantum.Tests.Kernels;

/// <summary>
/// Alignment and page ownership of the kernels' buffers: every buffer starts on a cache line; buffers of a page or
/// more start and end on page boundaries, so two buffers (of two worker threads) never share a page.
/// </summary>
public sealed unsafe class AlignedBufferTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(511)]
    public void SmallBuffersStartOnACacheLine(int length)
    {
        var buffer = new AlignedBuffer<double>(length);

        Assert.Equal(0, (long)buffer.Pointer % AlignedBuffer<double>.LineBytes);
        Assert.Equal(length, buffer.Length);
        Assert.Equal(length, buffer.Span.Length);
    }

    [Theory]
    [InlineData(512)]
    [InlineData(513)]
    [InlineData(4096)]
    [InlineData(5000)]
    public void PageSizedBuffersStartOnAPageBoundary(int length)
    {
        var buffer = new AlignedBuffer<double>(length);

        Assert.Equal(0, (long)buffer.Pointer % AlignedBuffer<double>.PageBytes);
        Assert.Equal(length, buffer.Span.Length);
    }

    [Fact]
    public void ConsecutivePageSizedBuffersShareNoPage()
    {
        // Allocated back to back, as a runner's buffers are; 4100 doubles end mid-page without the padding.
        var buffers = Enumerable.Range(0, 8).Select(_ => new AlignedBuffer<double>(4100)).ToArray();
        var pages = buffers
            .Select(b => (First: (long)b.Pointer / AlignedBuffer<double>.PageBytes,
                Last: ((long)b.Pointer + (long)b.Length * sizeof(double) - 1) / AlignedBuffer<double>.PageBytes))
            .OrderBy(p => p.First)
            .ToArray();

        for (int i = 1; i < pages.Length; i++)
        {
            Assert.True(pages[i].First > pages[i - 1].Last, $"buffers {i - 1} and {i} share page {pages[i].First}");
        }
    }

    [Fact]
    public void SpanAndPointerAddressTheSameZeroedElements()
    {
        var buffer = new AlignedBuffer<double>(1000);

        Assert.All(buffer.Span.ToArray(), v => Assert.Equal(0.0, v));
        buffer.Pointer[999] = 2.5;
        buffer.Span[0] = -1;
        Assert.Equal(2.5, buffer.Span[999]);
        Assert.Equal(-1, buffer.Pointer[0]);
        buffer.Clear();
        Assert.Equal(0.0, buffer.Pointer[999]);
    }
}
