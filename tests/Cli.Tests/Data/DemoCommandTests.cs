namespace QGan.MLNet.Cli.Tests.Data;

public sealed class DemoCommandTests
{
    [Fact]
    public void Prints_a_per_class_summary_of_the_synthetic_data()
    {
        var result = QganProcess.Run("demo", "--count", "200", "--seed", "1");

        Assert.True(result.ExitCode == 0, result.StdErr);
        foreach (var name in new[] { "barren land", "trees", "grassland", "none", "NIR", "200" })
        {
            Assert.Contains(name, result.StdOut);
        }
    }
}
