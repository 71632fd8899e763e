using QGan.MLNet.Tests.Shared.Data;
using QGan.MLNet.Transforms.Data;

namespace QGan.MLNet.Transforms.Tests.Data;

internal static class Sat4Assert
{
    /// <summary>Asserts count, class counts, channel sums and every probe pixel of the reference fixture.</summary>
    public static void MatchesExpected(Sat4Expected.Split expected, Sat4Split actual)
    {
        var stats = actual.ComputeStatistics();
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.ClassCounts, stats.ClassCounts);
        Assert.Equal(expected.ChannelSums, stats.ChannelSums);
        foreach (var probe in expected.Probes)
        {
            Assert.True(probe.Value == actual.GetPixel(probe.Image, probe.Row, probe.Col, probe.Channel),
                $"probe {probe}: got {actual.GetPixel(probe.Image, probe.Row, probe.Col, probe.Channel)}");
        }
    }

    public static void SameContent(Sat4Split expected, Sat4Split actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Labels, actual.Labels);
        Assert.True(expected.Pixels.AsSpan().SequenceEqual(actual.Pixels), $"pixels of split '{expected.Name}' differ");
    }

    public static void SameContent(Sat4DataSet expected, Sat4DataSet actual)
    {
        Assert.Equal(expected.Splits.Select(s => s.Name), actual.Splits.Select(s => s.Name));
        foreach (var split in expected.Splits)
        {
            SameContent(split, actual[split.Name]);
        }
    }
}
