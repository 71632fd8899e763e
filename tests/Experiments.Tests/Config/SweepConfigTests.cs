using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Tests;
using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Experiments.Tests.Config;

public sealed class SweepConfigTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public SweepConfigTests()
    {
        // 10 latent rows of width 24 (12 qubits x ZX readout).
        File.WriteAllLines(Path.Combine(_dir.Path, "lat.csv"),
            Enumerable.Range(0, 10).Select(i => string.Join(",", Enumerable.Range(0, 24).Select(j => ((i + j) % 7 / 10.0).ToString(System.Globalization.CultureInfo.InvariantCulture)))));
    }

    public void Dispose() => _dir.Dispose();

    private const string Valid = """
        {
          "data": { "latents": "lat.csv" },
          "heldOut": 4,
          "generators": { "quantum": { "layers": [1, 3] }, "classical": { "widths": { "start": 4, "factor": 2, "count": 3 }, "depth": 1 } },
          "critic": { "widths": { "start": 8, "factor": 1.5, "count": 3 } },
          "seeds": [5, 6],
          "training": { "iterations": 10 }
        }
        """;

    private SweepConfig Parse(string json) => SweepConfigParser.Parse(json, "sweep.json", _dir.Path);

    [Fact]
    public void Geometric_grids_expand_and_defaults_are_filled_in()
    {
        var config = Parse(Valid);
        Assert.Equal([4, 8, 16], config.Generators.Classical!.Widths);
        // round(8 * 1.5^k): 8, 12, 18.
        Assert.Equal([8, 12, 18], config.Critic.Widths);
        Assert.Equal(2, config.Critic.Depth);
        Assert.Equal(12, config.Generators.Quantum!.Qubits);
        Assert.Null(config.Training.BatchSize); // unset: the default of each run's generator kind
        Assert.Equal(64, config.Options(config.Run(0)).BatchSize);
        Assert.Equal(5, config.Analysis.LastK);
        Assert.Equal(Path.Combine(_dir.Path, "lat.csv"), config.Data.Latents);
        // (2 quantum + 3 classical) x 3 critics x 2 seeds.
        Assert.Equal(30, config.RunCount);
    }

    [Fact]
    public void Runs_expand_generator_major_then_critic_then_seed()
    {
        var config = Parse(Valid);
        // I = (g * 3 + c) * 2 + s.
        var run = config.Run((3 * 3 + 2) * 2 + 1); // g = 3 (classical w=8), c = 2 (critic 18), s = 1 (seed 6)
        Assert.Equal((GeneratorKind.Classical, 8, 18, 6L), (run.Generator.Kind, run.Generator.Width!.Value, run.CriticWidth, run.Seed));
        var first = config.Run(0);
        Assert.Equal((GeneratorKind.Quantum, 1, 8, 5L), (first.Generator.Kind, first.Generator.Layers!.Value, first.CriticWidth, first.Seed));
        Assert.Equal(Enumerable.Range(0, 30), config.Runs().Select(r => r.Index));
        Assert.Throws<ArgumentOutOfRangeException>(() => config.Run(30));

        var options = config.Options(run);
        Assert.Equal([8], options.GeneratorHidden);
        Assert.Equal([18, 18], options.CriticHidden);
        Assert.Equal(6, options.Seed);
        Assert.Equal(10, options.Iterations);
    }

    [Fact]
    public void Normalised_json_reads_back_to_the_same_config()
    {
        var json = Parse(Valid).ToJson();
        Assert.Equal(json, Parse(json).ToJson());
        Assert.DoesNotContain("runCount", json);
    }

    [Theory]
    [InlineData("\"seeds\": [5, 6],", "\"seeds\": [5, 6], \"seed\": 3,", "$.seed", "is not a known field (expected data, heldOut, generators, critic, seeds, training, analysis)")]
    [InlineData("\"depth\": 1 }", "\"depth\": 1, \"widht\": 3 }", "$.generators.classical.widht", "is not a known field")]
    [InlineData("\"layers\": [1, 3]", "\"layers\": [0, 3]", "$.generators.quantum.layers[0]", ">= 1")]
    [InlineData("\"layers\": [1, 3]", "\"layers\": []", "$.generators.quantum.layers", "empty")]
    [InlineData("\"layers\": [1, 3] }", "\"layers\": [1, 3], \"qubits\": 4 }", "$.generators.quantum.qubits", "give 8 values, but the latent space has 24")]
    [InlineData("\"count\": 3 }, \"depth\": 1", "\"count\": 0 }, \"depth\": 1", "$.generators.classical.widths.count", "must be in [1, 64]")]
    [InlineData("\"factor\": 1.5", "\"factor\": 1", "$.critic.widths.factor", "> 1")]
    [InlineData("{ \"start\": 8, \"factor\": 1.5, \"count\": 3 }", "[8, -2]", "$.critic.widths[1]", ">= 1")]
    [InlineData("{ \"start\": 8, \"factor\": 1.5, \"count\": 3 }", "[16, 8]", "$.critic.widths", "strictly increasing")]
    [InlineData("\"iterations\": 10", "\"iterations\": 0", "$.training.iterations", ">= 1")]
    [InlineData("\"iterations\": 10", "\"batchSize\": 4", "$.training.iterations", "missing")]
    [InlineData("\"iterations\": 10", "\"iterations\": \"ten\"", "$.training.iterations", "must be an integer in -2147483648..2147483647, found string")]
    [InlineData("\"iterations\": 10", "\"iterations\": 10, \"beta1\": 1", "$.training.beta1", "in [0, 1)")]
    [InlineData("\"seeds\": [5, 6]", "\"seeds\": [5, 5]", "$.seeds", "distinct")]
    [InlineData("\"heldOut\": 4", "\"heldOut\": 9", "$.heldOut", "10 latent rows cannot give 9")]
    [InlineData("\"latents\": \"lat.csv\"", "\"latents\": \"nope.csv\"", "$.data.latents", "does not exist")]
    [InlineData("\"latents\": \"lat.csv\"", "\"latents\": \"lat.csv\", \"synthetic\": 50", "$.data", "exactly one")]
    [InlineData("\"training\": { \"iterations\": 10 }", "\"training\": { \"iterations\": 10 }, \"analysis\": { \"bootstrap\": { \"confidence\": 1 } }", "$.analysis.bootstrap.confidence", "in (0, 1)")]
    [InlineData("\"iterations\": 10", "\"iterations\": 10, \"lrGenerator\": 1e-3", "$.training.lrGenerator", "was renamed: use generatorLearningRate")]
    [InlineData("\"iterations\": 10", "\"iterations\": 10, \"clipNorm\": 5", "$.training.clipNorm", "was renamed: use generatorMaxGradNorm and criticMaxGradNorm")]
    [InlineData("\"iterations\": 10", "\"iterations\": 10, \"iterations\": 11", "$.training.iterations", "is given twice")]
    [InlineData("\"iterations\": 10", "\"iterations\": 10, \"generatorLearningRate\": 1e400", "$.training.generatorLearningRate", "must be > 0, got")]
    [InlineData("\"seeds\": [5, 6]", "\"seeds\": [5, null]", "$.seeds[1]", "must be an integer")]
    public void Bad_configs_are_rejected_naming_the_key(string find, string replace, string path, string problem)
    {
        Assert.Contains(find, Valid);
        var ex = Assert.Throws<SweepConfigException>(() => Parse(Valid.Replace(find, replace)));
        Assert.Equal(path, ex.JsonPath);
        Assert.Contains(problem, ex.Message);
        Assert.StartsWith("sweep.json: " + path + ":", ex.Message);
    }

    [Fact]
    public void Syntax_errors_and_missing_sections_name_the_root_or_section()
    {
        Assert.Equal("$", Assert.Throws<SweepConfigException>(() => Parse("{ \"data\": ")).JsonPath);
        Assert.Equal("$.critics", Assert.Throws<SweepConfigException>(() => Parse(Valid.Replace("\"critic\"", "\"critics\""))).JsonPath);
        Assert.Equal("$.generators", Assert.Throws<SweepConfigException>(() => Parse(Valid.Replace(
            "{ \"quantum\": { \"layers\": [1, 3] }, \"classical\": { \"widths\": { \"start\": 4, \"factor\": 2, \"count\": 3 }, \"depth\": 1 } }", "{}"))).JsonPath);
    }
}
