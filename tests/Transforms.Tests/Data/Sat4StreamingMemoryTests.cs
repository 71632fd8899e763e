using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Data.Csv;
using QGan.MLNet.Transforms.Data.Mat;
using QGan.MLNet.Transforms.Data.Synthetic;

namespace QGan.MLNet.Transforms.Tests.Data;

/// <summary>
/// The readers stream into the one byte store: what they allocate is the store plus small fixed buffers, never a
/// second copy of the pixels (which the full 1.6 GB data set could not afford).
/// </summary>
public sealed class Sat4StreamingMemoryTests : IDisposable
{
    private const int Patches = 1000; // 3.1 MB of pixels: a second copy would exceed the allowance
    private static readonly Sat4DataSet _data = new([Sat4SyntheticGenerator.Generate(Patches, seed: 11)], null, "synthetic");
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Mat_reader_allocates_only_the_store_and_fixed_buffers(bool compress)
    {
        var path = _dir.File("big.mat");
        Sat4MatWriter.Write(_data, path, new Sat4MatWriteOptions { Compress = compress });

        var allocated = AllocatedBy(() => Sat4MatReader.Read(path));

        AssertNoSecondCopy(allocated);
    }

    [Fact]
    public void Csv_reader_allocates_only_the_store_and_fixed_buffers()
    {
        var x = _dir.File("X_train_big.csv");
        Sat4CsvWriter.Write(_data.Splits[0], x, _dir.File("y_train_big.csv"));

        var allocated = AllocatedBy(() => Sat4CsvReader.Read(x));

        AssertNoSecondCopy(allocated);
    }

    private static long AllocatedBy(Action read)
    {
        read(); // warm up JIT and static state
        var before = GC.GetAllocatedBytesForCurrentThread();
        read();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>
    /// Beyond the store: fixed read buffers (at most 2 MB) and the labels (under 100 bytes per patch, decoded from
    /// doubles). A second copy of the pixels would add another 3136 bytes per patch.
    /// </summary>
    private static void AssertNoSecondCopy(long allocated)
    {
        long store = Patches * Sat4Schema.PixelCount;
        long allowance = (2 << 20) + 100L * Patches;
        Assert.True(allocated >= store, $"allocated {allocated} bytes, less than the store itself ({store})?");
        Assert.True(allocated - store < allowance,
            $"allocated {allocated - store} bytes beyond the {store}-byte store (allowance {allowance}): a second copy?");
    }
}
