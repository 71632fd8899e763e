using QGan.MLNet.Core.Limits;
using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Trainers.Tests.Gan;

/// <summary>Impossible sizes are refused by Validate() before anything is allocated (issue 13, finding 1).</summary>
public sealed class GanOptionsLimitsTests
{
    public static TheoryData<string, GanTrainingOptions, string> Oversized => new()
    {
        { "batch", new GanTrainingOptions { BatchSize = 2_000_000_000 }, "BatchSize must be in 1..65,536" },
        { "iterations", new GanTrainingOptions { Iterations = int.MaxValue }, "Iterations must be in 1..100,000,000" },
        { "layers", new GanTrainingOptions { Layers = 100_000_000 }, "Layers must be in 0..1,024" },
        { "layers overflow", new GanTrainingOptions { Layers = 2_000_000_000 }, "Layers must be in 0..1,024" },
        { "qubits", new GanTrainingOptions { Qubits = 31 }, "Qubits must be in 1..30" },
        { "noise", new GanTrainingOptions { NoiseDimension = 1 << 20 }, "NoiseDimension must be in 1..4,096" },
        { "generator width", new GanTrainingOptions { Generator = GeneratorKind.Classical, GeneratorHidden = [16_777_216, 16_777_216] }, "GeneratorHidden[0] must be in 1..65,536" },
        { "generator parameters", new GanTrainingOptions { Generator = GeneratorKind.Classical, GeneratorHidden = [65_536, 65_536] }, "GeneratorHidden [65536,65536] gives more than" },
        { "critic width", new GanTrainingOptions { CriticHidden = [16_777_216] }, "CriticHidden[0] must be in 1..65,536" },
        { "critic depth", new GanTrainingOptions { CriticHidden = Enumerable.Repeat(8, 65).ToArray() }, "CriticHidden has 65 hidden layers, at most 64" },
    };

    [Theory]
    [MemberData(nameof(Oversized))]
    public void Oversized_options_are_refused_naming_the_option(string what, GanTrainingOptions options, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => options.Validate());
        Assert.True(ex.Message.Contains(expected, StringComparison.Ordinal), $"{what}: {ex.Message}");
    }

    [Fact]
    public void The_cli_names_its_flags()
    {
        var ex = Assert.Throws<ArgumentException>(() => new GanTrainingOptions { BatchSize = 2_000_000_000 }.Validate(
            new Dictionary<string, string> { ["BatchSize"] = "--batch-size" }));
        Assert.StartsWith("--batch-size must be in 1..65,536", ex.Message);
    }

    [Fact]
    public void A_state_larger_than_the_machine_is_refused_before_it_is_allocated()
    {
        if (SizeLimits.StateBytes(30) <= SizeLimits.AvailableMemoryBytes)
        {
            return; // a machine with more than 64 GiB can hold it
        }
        var ex = Assert.Throws<ArgumentException>(() => new GanTrainingOptions { Qubits = 30, Layers = 1, NoiseDimension = 30 }.Validate());
        Assert.Contains("Qubits = 30 needs at least 64 GiB", ex.Message);
    }

    [Fact]
    public void The_largest_allowed_sizes_validate()
    {
        new GanTrainingOptions { Generator = GeneratorKind.Classical, GeneratorHidden = [4096, 4096], CriticHidden = [4096], BatchSize = SizeLimits.MaxBatchSize, Layers = SizeLimits.MaxLayers }.Validate();
    }
}
