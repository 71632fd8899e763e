using QGan.MLNet.Tests.Shared.Data;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Data.Png;

namespace QGan.MLNet.Transforms.Tests.Data;

public sealed class Sat4DataLoaderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Detects_every_format_from_the_path()
    {
        var png = _dir.File("png");
        Sat4PngFolderWriter.WriteSplit(Sat4DataLoader.Load(Sat4Expected.MatPath, "test")["test"], png);
        var noExtension = _dir.File("sat4-download");
        File.Copy(Sat4Expected.MatPath, noExtension);

        Assert.Equal(Sat4Format.Mat, Sat4DataLoader.DetectFormat(Sat4Expected.CompressedMatPath));
        Assert.Equal(Sat4Format.KaggleCsv, Sat4DataLoader.DetectFormat(Sat4Expected.CsvPath("train")));
        Assert.Equal(Sat4Format.PngFolder, Sat4DataLoader.DetectFormat(png));
        Assert.Equal(Sat4Format.Mat, Sat4DataLoader.DetectFormat(noExtension)); // by its MATLAB header
        Assert.Equal(250, Sat4DataLoader.Load(noExtension).Splits.Sum(s => s.Count));
    }

    [Fact]
    public void Unknown_and_missing_sources_fail_clearly()
    {
        var text = _dir.File("notes.txt");
        File.WriteAllText(text, "not a data set");

        Assert.Contains("unknown data format", Assert.Throws<NotSupportedException>(() => Sat4DataLoader.Load(text)).Message);
        Assert.Throws<FileNotFoundException>(() => Sat4DataLoader.Load(_dir.File("missing.mat")));
    }

    [Fact]
    public void Statistics_match_a_direct_computation()
    {
        var split = Sat4DataLoader.Load(Sat4Expected.MatPath, "test")["test"];

        var stats = split.ComputeStatistics();
        var barren = Sat4SplitStatistics.ComputeForClass(split, 0);

        for (var c = 0; c < 4; c++)
        {
            var values = Enumerable.Range(0, split.Count)
                .SelectMany(i => split.GetPatch(i).Slice(c * 784, 784).ToArray()).Select(v => (double)v).ToArray();
            var mean = values.Average();
            var std = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
            Assert.Equal(mean, stats.ChannelMeans[c], 9);
            Assert.Equal(std, stats.ChannelStdDevs[c], 9);
        }
        Assert.Equal("barren land", barren.Name);
        Assert.Equal(7, barren.Count); // sat4mini.expected.json: test class_counts[0]
        Assert.Equal([7, 0, 0, 0], barren.ClassCounts);
    }
}
