using QGan.MLNet.Tests.Shared.Data;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Data.Mat;

namespace QGan.MLNet.Transforms.Tests.Data;

public sealed class Sat4SplitTests
{
    private static readonly Sat4Split _test = Sat4MatReader.Read(Sat4Expected.MatPath, "test")["test"];

    [Fact]
    public void Batch_copy_is_nchw_floats_of_the_chosen_patches()
    {
        int[] indices = [7, 0, 49];
        var batch = new float[indices.Length * Sat4Schema.PixelCount];

        _test.CopyPatchesChw(indices, batch);

        for (var k = 0; k < indices.Length; k++)
        {
            Assert.Equal(_test.GetPatchChw(indices[k]), batch.AsSpan(k * 3136, 3136).ToArray());
        }
        // Reference probe: test image 7, row 3, col 19, channel 1 = 126 (sat4mini.expected.json).
        Assert.Equal(126 / 255f, batch[1 * 784 + 3 * 28 + 19]);
    }

    [Fact]
    public void Subset_and_head_copy_patches_and_labels()
    {
        var subset = _test.Subset([49, 7], "picked");
        var head = _test.Head(5);

        Assert.Equal("picked", subset.Name);
        Assert.Equal([_test.Labels[49], _test.Labels[7]], subset.Labels);
        Assert.True(subset.GetPatch(1).SequenceEqual(_test.GetPatch(7)));
        Assert.Equal(5, head.Count);
        Assert.True(head.Pixels.AsSpan().SequenceEqual(_test.Pixels.AsSpan(0, 5 * 3136)));
        Assert.Equal(50, _test.Head(1000).Count);
    }

    [Fact]
    public void Store_rejects_inconsistent_sizes_and_labels()
    {
        Assert.Throws<ArgumentException>(() => new Sat4Split("x", new byte[3136], [0, 1]));
        Assert.Throws<ArgumentException>(() => new Sat4Split("x", new byte[3136], [4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => _test.GetPatch(50));
        Assert.Throws<ArgumentOutOfRangeException>(() => _test.GetPixel(0, 28, 0, 0));
    }
}
