using QGan.MLNet.Cli.Demo;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Tests.Shared;
using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Cli.Tests.Hardware;

public sealed class DemoSettingsTests
{
    private static readonly string Autoencoder = Path.Combine(Fixtures.RepoRoot, "models", "sat4-synthetic");

    [Fact]
    public void Default_settings_expand_to_the_documented_study_through_the_sweep_parser()
    {
        var s = new DemoSettings { NoiseModel = Path.Combine(Fixtures.RepoRoot, "models", "noise", "ibm-heron-like.json") };
        var dir = Directory.CreateTempSubdirectory("qgan-demo-settings-").FullName;

        var config = SweepConfigParser.Parse(s.SweepConfigJson(Autoencoder), Path.Combine(dir, "sweep-config.json"), dir);

        // 4 quantum depths and 5 classical widths x 3 critic widths x 3 seeds.
        Assert.Equal((4 + 5) * 3 * 3, config.RunCount);
        Assert.Equal(["quantum L=1", "quantum L=2", "quantum L=3", "quantum L=4", "classical w=1", "classical w=2", "classical w=4", "classical w=8", "classical w=16"],
            config.GeneratorGrid().Select(g => g.Label).ToArray());
        Assert.Equal([16, 32, 64], config.Critic.Widths);
        Assert.Equal([1, 2, 3], config.Seeds);
        Assert.Equal(2000, config.Data.Synthetic);
        Assert.Equal(300, config.HeldOut);
        Assert.Null(config.Data.Path);
        Assert.Equal(Path.GetFullPath(Autoencoder), config.Data.Autoencoder);
        var options = config.Options(config.Run(0));
        Assert.Equal(GeneratorKind.Quantum, options.Generator);
        Assert.Equal(12, options.Qubits);
        Assert.Equal(400, options.Iterations);
        Assert.Equal(32, options.BatchSize);
        Assert.Equal(new EarlyStopOptions { Patience = 5, MinImprovement = 0.01 }, options.EarlyStop);
        // No learning rate given: each kind trains with its own default (GanDefaults).
        foreach (var kind in new[] { GeneratorKind.Quantum, GeneratorKind.Classical })
        {
            var d = GanDefaults.For(kind);
            Assert.Equal([(d.GeneratorLearningRate, d.CriticLearningRate)], config.LearningRates(kind));
        }
        Assert.True(config.Evaluation.FidInfinity);
        Assert.Equal("best", config.Evaluation.PixelFid);
        Assert.Equal([300L, 1000L, 3000L, 10000L], config.Hardware!.Shots);
        Assert.Equal(Path.GetFullPath(s.NoiseModel), config.Hardware.NoiseModel);
        Assert.Equal(3, config.Analysis.LastK);
    }

    [Fact]
    public void Quick_and_real_data_settings_change_the_grid_and_the_data_source()
    {
        var dir = Directory.CreateTempSubdirectory("qgan-demo-settings-").FullName;
        var quick = DemoSettings.Quick(new DemoSettings());
        var q = SweepConfigParser.Parse(quick.SweepConfigJson(Autoencoder), Path.Combine(dir, "q.json"), dir);
        Assert.Equal(2, q.RunCount);
        Assert.Equal(6, q.Training.Iterations);

        var mat = Fixtures.Path("sat4", "sat4mini.mat");
        var real = new DemoSettings { Data = mat, Layers = [], Widths = [8, 16] };
        var r = SweepConfigParser.Parse(real.SweepConfigJson(Autoencoder), Path.Combine(dir, "r.json"), dir);
        Assert.Equal(Path.GetFullPath(mat), r.Data.Path);
        Assert.Null(r.Data.Synthetic);
        Assert.Null(r.Generators.Quantum);
        Assert.Equal(2 * 3 * 3, r.RunCount); // 2 widths x the default 3 critic widths x 3 seeds
    }

    [Theory]
    [InlineData("1,2,4", new[] { 1, 2, 4 })]
    [InlineData(" 3 , 8 ", new[] { 3, 8 })]
    public void Lists_parse(string text, int[] expected) => Assert.Equal(expected, DemoSettings.ParseList(text, "--x"));

    [Theory]
    [InlineData("2,1", "strictly increasing")]
    [InlineData("1,,2", "'' is not a positive integer")]
    [InlineData("0", "'0' is not a positive integer")]
    [InlineData("-1", "'-1' is not a positive integer")]
    public void Bad_lists_name_the_flag_and_the_value(string text, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => DemoSettings.ParseList(text, "--layers"));
        Assert.Contains("--layers", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void None_gives_an_empty_list_only_where_allowed()
    {
        Assert.Empty(DemoSettings.ParseList("none", "--widths", allowEmpty: true));
        Assert.Throws<ArgumentException>(() => DemoSettings.ParseList("none", "--critic-widths"));
        Assert.Contains("at least one", Assert.Throws<ArgumentException>(() => (new DemoSettings { Layers = [], Widths = [] }).Validate()).Message);
    }
}
