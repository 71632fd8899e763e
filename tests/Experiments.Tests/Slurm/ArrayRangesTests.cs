using QGan.MLNet.Experiments.Slurm;

namespace QGan.MLNet.Experiments.Tests.Slurm;

public sealed class ArrayRangesTests
{
    [Theory]
    [InlineData(new[] { 3, 5, 7, 8, 9 }, null, "3,5,7-9")]
    [InlineData(new[] { 9, 7, 8, 5, 3, 8 }, 4, "3,5,7-9%4")]
    [InlineData(new[] { 0 }, null, "0")]
    [InlineData(new[] { 0, 1, 2, 3 }, 2, "0-3%2")]
    [InlineData(new[] { 1, 2, 4, 5, 10 }, null, "1-2,4-5,10")]
    public void Format_compresses_consecutive_indices(int[] indices, int? throttle, string expected) =>
        Assert.Equal(expected, ArrayRanges.Format(indices, throttle));

    [Fact]
    public void Parse_expands_what_format_writes_and_scontrol_prints()
    {
        var random = new Random(3);
        for (int trial = 0; trial < 50; trial++)
        {
            var indices = Enumerable.Range(0, 40).Where(_ => random.NextDouble() < 0.4).ToArray();
            if (indices.Length == 0)
            {
                continue;
            }
            Assert.Equal(indices, ArrayRanges.Parse(ArrayRanges.Format(indices, 3)));
        }
        Assert.Equal([1, 3, 5, 6], ArrayRanges.Parse("1,3,5-6%2"));
        Assert.Equal([4, 6, 8], ArrayRanges.Parse("4-9:2"));
    }

    [Theory]
    [InlineData("3-1")]
    [InlineData("a")]
    [InlineData("1-2-3")]
    [InlineData("-1")]
    public void Parse_rejects_what_is_not_an_array_expression(string text) =>
        Assert.Throws<FormatException>(() => ArrayRanges.Parse(text));

    [Fact]
    public void Format_rejects_empty_and_negative_indices()
    {
        Assert.Throws<ArgumentException>(() => ArrayRanges.Format([]));
        Assert.Throws<ArgumentException>(() => ArrayRanges.Format([-1, 2]));
    }
}
