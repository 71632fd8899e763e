using QGan.MLNet.Trainers.Gan.MLNet;
using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Trainers.Tests.Gan;

/// <summary>One source of defaults: the ML.NET options start from <see cref="GanDefaults.For"/> of their kind.</summary>
public sealed class GanDefaultsTests
{
    [Theory]
    [InlineData(GeneratorKind.Quantum)]
    [InlineData(GeneratorKind.Classical)]
    public void Estimator_options_convert_to_exactly_the_kind_defaults(GeneratorKind kind)
    {
        GanTrainerOptions options = kind == GeneratorKind.Quantum ? new QuantumGanOptions() : new ClassicalGanOptions();
        var expected = GanDefaults.For(kind);

        var actual = options.ToTrainingOptions();

        // Records compare lists by reference, so compare the configuration hash (every option that shapes a run)
        // and the options outside it.
        Assert.Equal(expected.ConfigHash(), actual.ConfigHash());
        Assert.Equal(expected with { GeneratorHidden = [], CriticHidden = [] }, actual with { GeneratorHidden = [], CriticHidden = [] }, new OptionsComparer());
    }

    [Fact]
    public void Defaults_are_those_of_the_options_record_and_are_described_for_help_texts()
    {
        // The kinds differ only in their tuned learning rates (docs/gan-training.md, "Default learning rates").
        Assert.Equal((new GanTrainingOptions() with { GeneratorLearningRate = 3e-2, CriticLearningRate = 1e-2 }).ConfigHash(),
            GanDefaults.For(GeneratorKind.Quantum).ConfigHash());
        Assert.Equal((new GanTrainingOptions() with { Generator = GeneratorKind.Classical, GeneratorLearningRate = 1e-3, CriticLearningRate = 1e-2 }).ConfigHash(),
            GanDefaults.For(GeneratorKind.Classical).ConfigHash());
        Assert.Equal("quantum 0.03, classical 0.001", GanDefaults.Describe(o => o.GeneratorLearningRate));
        Assert.Equal("0.01", GanDefaults.Describe(o => o.CriticLearningRate));
        Assert.Equal("64,64", GanDefaults.Describe(o => o.CriticHidden));
        Assert.Throws<ArgumentOutOfRangeException>(() => GanDefaults.For((GeneratorKind)7));
    }

    private sealed class OptionsComparer : IEqualityComparer<GanTrainingOptions>
    {
        public bool Equals(GanTrainingOptions? x, GanTrainingOptions? y) =>
            x is not null && y is not null && x.Iterations == y.Iterations && x.MetricsInterval == y.MetricsInterval &&
            x.CheckpointInterval == y.CheckpointInterval && x.ExplosionThreshold == y.ExplosionThreshold &&
            x.QuantumPrecision == y.QuantumPrecision && x.Generator == y.Generator;

        public int GetHashCode(GanTrainingOptions obj) => 0;
    }
}
